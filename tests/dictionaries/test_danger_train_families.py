"""Danger signs widened by the kind of wording, not by one sentence: each family below is
written in forms no labelled set holds (a verb form, a way of saying 'cannot', a second
sentence, kana, a report by someone else), so a rule fitted to one sentence fails here.
The look-alikes are the same words in a harmless reading, which must raise no alarm."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger

FAMILIES: dict[str, list[str]] = {
    "suicidal": [
        "もう死んじゃおうかな",
        "生まれてきてごめんなさいって毎日思う",
        "俺なんかいなくなればいいんだ",
        "このまま消えられたらいいのに",
        "誰か私を殺してほしい",
        "楽な死に方をずっと検索してる",
        "妻に先立たれて、あとを追いたいと思う夜があります",
        "自ら命を絶とうとした形跡がありました",
        "自分の人生にけりをつけたい",
        "もうつかれた。ばいばい",
        "ごめんねお母さん。先に逝きます",
        "マンションの十二階から飛び降りようか考えてる",
        "トラックに突っ込みたくなる",
        "明日死ぬ。もう決めた",
        "生きていく力がもう残ってない",
        "娘の手首に切り傷が増えています",
        "切りたい衝動がおさまらない",
    ],
    "violence": [
        "父が酔うと母を殴ります",
        "お母さんの恋人がぼくのことをぶつ",
        "兄に毎日けられてる",
        "夫に首しめられた",
        "義父に皿を投げつけられて額を切った",
        "彼に壁に叩きつけられました",
        "息子に階段から突き落とされた",
        "手足をひもで縛られて動けなかった",
        "夫に家から出してもらえず、携帯も取り上げられた",
        "夫が怖くて家に帰れません",
        "命の危険を感じています",
        "継父に体を触られる。誰にも言えない",
        "お孫さんの腕にたばこを押し付けたような跡がありました",
        "夫の暴力で肋骨にひびが入った",
        "隣から毎晩怒鳴り声と、ドンという音がします",
        "隣の子がこの寒さの中、ベランダに出されて泣いている",
    ],
    "starving": [
        "父はご飯をもう何日も食べていないようです",
        "近所の子がいつもお腹をすかせている",
        "食べ物を買うお金がもうない",
        "空腹で倒れそうです",
        "夏休みは給食がなくて、子どもがちゃんと食べられていない",
    ],
    "homeless_tonight": [
        "今日で退去なのに、次の住まいがまだ決まっていません",
        "駅の裏で夜を明かしています",
        "火事でアパートが焼けて、住めなくなった",
        "行き場がなくて困っています",
        "今夜泊めてくれる友達もいない",
    ],
    "missing_dementia": [
        "認知症の父が夕方から見つかりません",
        "物忘れのひどい祖母がデイサービスから一人で出ていってしまった",
        "母が夜十時になっても帰宅しません。認知症があります",
        "おじいさんが家がわからなくなって、うろうろしている",
        "入居者さんが施設を抜け出してしまいました",
        "夫を探しています。アルツハイマーで、財布も持たずに出ていきました",
    ],
    "fall_cannot_move": [
        "母がトイレで転倒しました。自分の力では立てません",
        "祖父が庭で足を滑らせて、起き上がることができない",
        "父が廊下にへたり込んだまま立ち上がれない",
        "祖母が転んで、朝まで床にいたようです",
        "おばあちゃんがベッドの横に倒れてた",
        "腰が抜けて立てない",
    ],
    "not_seen": [
        "向かいのお宅、夜も電気がずっとつかない",
        "配食のお弁当が玄関に置かれたままになっています",
        "隣の住人の気配がここ数日ない",
        "隣の部屋の窓にハエがたくさんとまっている",
        "父に朝から何度電話してもつながらない",
        "叔母の家のカーテンが何日も閉まっている",
        "一人暮らしの兄がちゃんと生きているのか心配です",
    ],
    "body": [
        "父の息がぜいぜいして苦しそう",
        "いきぐるしくて横になれない",
        "息がうまくできません",
        "母が血を吐きました",
        "夫が胸を押さえてうずくまっている",
        "赤ちゃんが熱でぐったりしています",
        "祖母の唇が青くなっている",
        "急に右半身が動かなくなった",
        "父が倒れて意識がありません",
    ],
}

LOOK_ALIKES = [
    # figurative or joking
    "死ぬ気で頑張ります",
    "明日死ぬほど忙しい",
    "今日死ぬかと思った笑",
    "この気持ちの行き場がない",
    "推しを追いかけたい",
    # care, school, home: the same words doing no harm
    "ヘルパーさんに体を触られるのを義父が嫌がります",
    "走ったあとぜーぜーしたけど、すぐ落ち着いた",
    "肩をたたきますか",
    "子どもが窓から落ちないように柵をつけたい",
    "週末はキャンプ場で外で寝ています",
    "冬になると外で寝ている人たちが心配です",
    "米がなくなりそうなので買い物に行きます",
    "引っ越し先が決まるまで実家にいます",
    "弟が借金をして行方をくらませた",
    # a fall that is over, or what may come
    "去年転んだけど、今はすぐ立てる",
    "退院しても前のようには歩けないかもしれない",
]


@pytest.mark.parametrize(
    "text", [t for texts in FAMILIES.values() for t in texts])
def test_danger_sign_in_a_new_wording_is_caught(text: str) -> None:
    assert get_tagger().tag(text).emergency, text


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_wording_raises_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency, text
