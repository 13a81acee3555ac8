"""Danger and abuse told in everyday words rather than the textbook ones: a person who will
not wake, only water for days, a house that has gone quiet, sleeping in a car, being followed,
being belittled, and a denial followed by a description. Also the readings that are no alarm:
a childhood told in the past, a partner who stopped answering, look-alike words."""

from __future__ import annotations

import pytest

from dictionaries.tagger import get_tagger

EMERGENCY = [
    # unresponsive
    "おじいちゃんを揺すっても目を覚まさない",
    "パパが朝からずっとねてて、おきない",
    "夫が床で息をしていないみたい",
    "祖母がぐったりして返事がない",
    # no food for days, said sideways
    "三日前から何も口にしていない",
    "おとといから水しか飲んでいません",
    "ふつか前から食べてないです",
    "冷蔵庫が空っぽで、お金もない",
    # a house gone quiet, a person not reachable
    "向かいのおじいさんの家、新聞が郵便受けからはみ出したまま",
    "隣の家、夜になっても真っ暗で、雨戸が一週間閉まったまま",
    "一人暮らしの叔母に電話しても出ないし、インターホンを押しても出てこない",
    "父と連絡とれん",
    # violence in other words
    "妻に突き飛ばされて、髪を引っ張られた",
    "夫はすぐ手が出る人で、昨日もぶたれた",
    "彼に首を締められて、胸ぐらをつかまれた",
    # suicide told around the word
    "いっそ死んでしまいたい",
    "最近、死ぬことばかり考えている",
    "私なんかいないほうがいいと思う",
    "踏切に飛び込もうかと考えた",
    # missing, fallen, taken ill
    "認知症の祖母が昼から見当たらない",
    "父がどこに行ったのか分からない",
    "祖母が屋根から落ちた",
    "母がけいれんしていて、ろれつが回らない",
    "父が血を吐いた",
    # nowhere to sleep, nothing to eat
    "仕事を失って車で寝泊まりしています",
    "ネカフェで寝泊まりしてる",
    "一週間ろくに食べてない",
    "子どもに食べさせるものがない",
    "今日から住むところがなくて",
    "生きてる価値がないと思う",
    "また自分を傷つけてしまった",
    "一人暮らしの兄から五日連絡がない",
    "めまいがして立てない",
    # 富山弁 (shared/reference/toyama_dialect.yaml): てきない = 苦しい, 〜とる = 〜ている
    "じいちゃん息がてきねー言うとる",
    "ばあちゃんが台所で倒れとる",
]

NO_EMERGENCY = [
    "小さい頃は父に殴られて育った。今は離れて暮らしている",
    "母にたたかれて育ったので、自分の子への接し方が分からない",
    "元彼と連絡が取れなくなって落ち込んでいる",
    "明日は雨戸を閉めたまま出かけます",
    "3日前に食べたケーキがおいしかった",
    "うちの子はお茶しか飲まない",
    "料理教室で作ったものを家族に食べさせたい",
    "子どもが階段から落ちそうで心配",
    "財布が見当たらない",
    "旅行で車中泊したい",
    "公園で子どもと過ごした",
    "しばらく孫の顔を見ていない",
    "役所から連絡がない",
    "将来住む家がなくなるかもしれない",
    "災害で家族に連絡がつかない時はどうすればいいですか",
]


def test_a_violent_childhood_is_still_heard_as_abuse() -> None:
    assert "abuse" in get_tagger().tag("小さい頃は父に殴られて育った").categories


def test_someone_who_will_not_wake_is_a_health_emergency() -> None:
    result = get_tagger().tag("ママがよんでもおきない。こわい")
    assert result.emergency
    assert "health" in result.categories


def test_only_water_for_days_is_a_poverty_emergency() -> None:
    result = get_tagger().tag("給料日前で、昨日から水しか飲んでない")
    assert result.emergency
    assert "poverty" in result.categories


def test_a_quiet_house_reported_by_a_volunteer_is_an_isolation_emergency() -> None:
    result = get_tagger().tag(
        "民生委員です。一人暮らしの方のポストにチラシがたまり、電気もついていません")
    assert result.emergency
    assert "isolation" in result.categories


@pytest.mark.parametrize("text", [
    "前の交際相手に帰り道で待ち伏せされた",
    "誰かに後をつけられている気がして外に出られない",
    "別れた夫が家の前をうろうろしていて、しつこく電話してくる",
])
def test_being_followed_or_waited_for_is_abuse(text: str) -> None:
    assert "abuse" in get_tagger().tag(text).categories


@pytest.mark.parametrize("text", [
    "妻にいつも見下されて、家ではびくびくして過ごしている",
    "義母にけなされてばかりで、顔色をうかがって暮らしている",
    "夫に罵倒される毎日です",
    "ばかって言われて、外出もさせてもらえない",
    "夫がキレると怖くて何も言えない",
    "施設で祖父がベッドに縛られていた",
    "通帳を妻に握られていて、自由に使えない",
    "誰のおかげで食べていけてるんだと言われる",
    "隣の子、腕にあざがあって、夜に家の外に出されている",
])
def test_belittling_and_control_are_abuse(text: str) -> None:
    assert "abuse" in get_tagger().tag(text).categories


@pytest.mark.parametrize("text", [
    "暴力ではないです。でも夫は怒るとふすまに穴をあけるし、物に当たる",
    "虐待じゃないと思うけど、父が機嫌が悪いと物を投げて、みんな怯えている",
])
def test_a_denial_followed_by_a_description_is_still_abuse(text: str) -> None:
    assert "abuse" in get_tagger().tag(text).categories


@pytest.mark.parametrize("text", [
    "認知症の父が夜中にうろうろする",
    "交通費もばかにならない",
    "子どもの名前をつけられなくて迷っている",
    "大家から出て行けと言われた",
])
def test_look_alike_words_are_not_abuse(text: str) -> None:
    assert "abuse" not in get_tagger().tag(text).categories


# Families added while tuning on tests/data/danger_dev.jsonl. Each sentence here is new (not in
# that set): it stands for a family of phrasings, not for one tuning text.
EMERGENCY_FAMILIES = [
    # an end announced, a place one stands on now, the means got ready, a farewell handed on
    "もう疲れたから今日で終わりにします",
    "人生やめたい",
    "今、線路の近くにいます",
    "橋の上に来ました",
    "練炭を用意した",
    "弟にさよならって伝えてね",
    "薬を一気に飲もうと思う",
    "もう目覚めたくない",
    "生きるのに疲れた",
    "生きていくのがつらい",
    "死ねたらいいのに",
    "あたしさえいなければ家族は楽になる",
    "死んでやる",
    "手首をカッターで切った",
    "死にてえ",
    "たすけて",
    # 富山弁 (shared/reference/toyama_dialect.yaml): 〜とる = 〜ている, 〜ん = 〜ない
    "ばあちゃん、生きとっても仕方ない言うとる",
    "じいちゃんが出ていったきり見つからん",
    "ばあちゃん最近見かけん",
    # violence heard or seen now, night intrusion, shut out, waited for
    "上の階から毎晩殴るような音と悲鳴が聞こえる",
    "父の暴力がどんどんひどくなってる",
    "熱湯をかけられた",
    "夜中になると兄が布団に入ってくる",
    "小4の弟がベランダに締め出されてる",
    "別れた彼が駐車場で待ち伏せしてる",
    # no food for days, nowhere tonight
    "最後に食べたのはおとといの昼です",
    "食料が底をついた",
    "お金なくてずっと食べてない",
    "行くあてがなくて駅のベンチにいる",
    "今夜は外で寝るしかない",
    "ホームレスになってしまった",
    # missing, fallen, unresponsive, not seen
    "認知症の祖父が散歩から戻りません",
    "母の行方がわからない",
    "祖母がスーパーではぐれた",
    "父が風呂場で転んで立てん",
    "母が床に倒れたまま",
    "祖父が急に倒れた",
    "呼びかけに反応しない",
    "祖母が冷たくなっとる",
    "隣の人をここ数日見ていない",
    "向かいの家から異臭がする",
    "一人暮らしの父の安否が心配",
    # chest, breath, stroke
    "胸を圧迫されるような感じがする",
    "急に言葉が出なくなった",
    "片方の手足がしびれる",
    "父が脳梗塞かもしれない",
    "息が吸えない",
    # a volunteer's or staff's report in formal words
    "ネグレクトが今も続いている模様",
    "食事が取れておらず三日経過",
    "独居の方の所在がわからない",
    "意識レベルが低下している",
    "胸部の圧迫感を訴えている",
    # teen shorthand, a carer afraid of their own hands
    "きえたすぎ",
    "もう無理、死ぬ",
    "生きてることがつらい",
    "このままだと父を手にかけてしまう",
    # giving oneself up, the other side, asked to be killed
    "もうどうなってもいいです",
    "あの世に行きたい",
    "誰か僕を殺してくれ",
    # gone, stuck in the bath, not waking, choking, a call that stopped coming
    "夫がどこにもいない",
    "認知症の母の行き先がわからない",
    "父が湯船から出られない",
    "ゆさぶっても起きん",
    "祖父が餅をのどに詰まらせた",
    "毎晩あった母からの電話が途絶えた",
]

NO_EMERGENCY_FAMILIES = [
    # figurative or joking, someone else's thing, a pet, a plan for later
    "胸が痛む話ですね",
    "息ができないくらい笑った",
    "いなくなった犬を探しています",
    "母が倒れたときのために連絡先をまとめたい",
    "急に倒れたらどうしようと不安",
    # look-alikes the new rules must not read as danger
    "日中行くところがなくて家にいる",
    "ドアを叩く音がしてびっくりした",
    "自分を殺して仕事している",
    "息子の仕事が見つからない",
    "目を開けないで聞いてください",
    "縄跳びを買ってあげた",
    "ロープウェイのチケットを買った",
    "子どもがイヤイヤ期で泣き叫んで大変",
    "朝からテレビつけっぱなし",
    "祖父は3年前に脳梗塞をやった",
    "孫が最近顔を見せない",
    "お金のことで助けてください",
    "住居の相談をしたい",
    "所在地を教えてください",
    "時間を殺して待った",
    "結果はもうどうなってもいいや",
    "天国みたいな温泉に行きたい",
    "どこにもいない珍しい鳥",
    # banter and love marked as such
    "締め切り過ぎたら課長に殺されるw",
    "胸が苦しくなるくらい好きな曲",
]


def test_fleeing_a_partner_is_read_as_abuse() -> None:
    assert "abuse" in get_tagger().tag("彼氏から逃げてきて、今は友だちの家にいる").categories


def test_a_neighbours_report_of_blows_heard_is_an_abuse_emergency() -> None:
    result = get_tagger().tag("隣の部屋から叩く音と子どもの叫び声がずっとしている")
    assert result.emergency
    assert "abuse" in result.categories


def test_food_run_out_for_a_week_is_a_poverty_emergency() -> None:
    result = get_tagger().tag("お米がなくなって一週間たちます")
    assert result.emergency
    assert "poverty" in result.categories


def test_a_parent_gone_in_dialect_is_an_elderly_emergency() -> None:
    result = get_tagger().tag("父がおらんようになった")
    assert result.emergency
    assert "elderly" in result.categories


def test_a_threat_without_a_joke_marker_is_still_an_emergency() -> None:
    assert get_tagger().tag("このままだと夫に殺される").emergency


# Families added while tuning on blind_set_2 and the dev half of danger_blind. Every sentence is
# new (not in any set): each stands for a family of phrasings.
EMERGENCY_FAMILIES_3 = [
    # the morning wished away, a life called finished, waiting for the end
    "明日なんて来なければいいのに",
    "このまま目が覚めなければいいと思う",
    "わしはもう十分生きたから、いつ死んでもいい",
    "早くお迎えが来んかね、って毎日ばあちゃんが言う",
    "お迎えが来るのを待つだけの毎日です",
    "川に入ってしまおうかと考える",
    "ずっと眠ったままでいたい",
    "この世に未練はない",
    "みんなありがとう、さようなら",
    "今までありがとう。もう会えないと思う",
    # an overdose counted, the means at hand, death dwelt on
    "睡眠薬を30錠飲みました",
    "風邪薬を箱ごと飲んだ",
    "部屋に練炭がある",
    "私が死んでも誰も悲しまない",
    "死んだら楽になれるのかな",
    "死ぬことをずっと考えてる",
    # 富山弁 (reference: なーん = 何も, 〜とる = 〜ている)
    "生きとってもなーんもいいことないちゃ",
    # violence told as one, actively, at the door, recurring
    "兄になぐるけるされる",
    "叩いたり蹴ったりされています",
    "施設の職員が母を叩いているのを見た",
    "母が私を毎日叩く",
    "グループホームの職員が利用者を怒鳴って叩いている",
    "息子が年老いた父に手をあげている",
    "誰かが玄関をドンドン叩いている",
    "元カレが家の前で待ってる、こわい",
    "別れた夫がしつこく家に来る",
    "夫から逃げてきました",
    "隣の部屋から怒鳴り声と物が壊れる音、それに子どもの悲鳴が聞こえる",
    "お母さんがご飯をくれない",
    # no food: 食う, なーも, days in kana, only water or crusts, rationing, a child not fed
    "仕送りが止まって三日食ってない",
    "なーも食べとらん",
    "もう5かかん ぱんのみみしか たべてない",
    "この一週間、おにぎり一個を分けて食べただけ",
    "おとついから水しか飲んどらん",
    "昨日から子どもに何も食べさせていない",
    "もう何日もまともな食事をしていない",
    "冷蔵庫が空で、子どもたちがお腹をすかせている",
    # no bed tonight, locked out, a home gone from today
    "今夜からの寝る場所が決まっていない",
    "ｺﾝﾊﾞﾝﾉ ﾈﾄﾞｺｶﾞ ﾅｲ",
    "大家に鍵を変えられて部屋に入れない",
    "夫から逃げてきた、今夜どこに行けばいいかわからない",
    "今日から家がない",
    "外で寝るしかない",
    # missing: still not found, searched for by many, the police asked
    "祖父が夕方に出かけて、夜の10時なのにまだ見つかりません",
    "じいちゃん朝出ていったがいちゃ。いま家族総出で探しとる",
    "いま町内のみんなで探しています",
    "家の周りを探しましたが見当たりません",
    "認知症の母が家にいない。どこにもいない",
    "母が徘徊してしまい、警察に捜索をお願いした",
    "認知症の夫を見失った",
    # a fall: the body will not move, the next sentence, a blow, a bone
    "玄関で転んで腰がうごかん",
    "自転車で転んだ。足が痛くて立てない",
    "頭を打って起き上がれない",
    "転んで骨が折れたみたい",
    # body: one side of the face, tangled words, breath in kana, sudden headache, consciousness
    "祖母の口が片方だけ下がっている",
    "父の言葉がもつれる",
    "いきが くるしい",
    "母が急に頭がすごく痛いと言って吐いた",
    "祖父が意識を失った",
    "父がいびきをかいて起きない",
    # not seen, 富山弁 〜ん
    "向かいのばあちゃん、最近見んがやちゃ",
]

NO_EMERGENCY_FAMILIES_3 = [
    "明日は来なくていいよって店長に言われた",
    "保育園でお迎えが来るのを待っている子がいた",
    "夏休みに家族で海に入って遊んだ",
    "いっそ仕事を辞めてしまおうか迷っています",
    "父は十分生きていける年金がある",
    "今までお世話になりました。来月から東京に転勤します",
    "子どもが先生に手をあげて質問していた",
    "布団を叩いて干した",
    "近所の子どもの悲鳴みたいな笑い声がうるさい",
    "夫がご飯を作ってくれない日が多くて疲れる",
    "今日から家が新しくなる",
    "外で寝るのが好きでキャンプに行く",
    "いびきがうるさくて眠れない",
    "息子が家を出て一人暮らしを始めたが、仕事がまだ見つからない",
    "家族で新しい家を探しています",
    "近所を探したけど、いい歯医者が見つからない",
    "3日間ダイエットでサラダしか食べてない",
    "昨日から水ばかり飲んでる、暑いので",
    "転んだけど、すぐ立てた",
    "舌がもつれるような早口言葉",
    "雰囲気ができない",
    "今夜の寝床はホテルを予約した",
    "父が認知症で迷子になったらと思うと心配",
    "母は前に迷子になったことがある",
    "殴られたりはしていません",
    "夫が暴れたりはしないけど、無視される",
    "ビタミン剤を毎日2錠飲んでいます",
    "昔は練炭こたつを使っていた",
    "親が死んだら実家はどうなるのか相続の相談です",
    "元夫が子どもに会いに毎月家に来る",
    "冷蔵庫が空になったので買い物に行った",
    "今日はどこに行けばいい手続きができますか",
    "警察に相談して探してもらった財布が見つかった",
    "大事な書類を見失った",
    "子どもを見失ったことがあって、迷子札をつけている",
    "意識を失うほどではないけど、ふらつく",
    "急に頭痛がすることがある",
    "子どもを叩いたことは一度もありません",
    "子どもを叩いてしまいそうで自分が怖い",
    "子どもに何も食べさせていないわけではないです",
    "親の私たちがいなくなった後、息子の暮らしが心配",
]


@pytest.mark.parametrize("text", [
    # quoted from a work
    "「消えてしまいたい」という歌詞の歌をよく聴く",
    "アニメで主人公が「もう死にたい」と叫ぶ場面があった",
    # the name of a subject or a scheme
    "孤独死のニュースを見て不安になった",
    "自殺対策の講座に参加したい",
    # moved by what one saw or heard
    "ニュースを見て胸が痛くなった",
])
def test_danger_words_quoted_from_a_work_or_naming_a_subject_raise_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency


@pytest.mark.parametrize("text", [
    "父が「もう死にたい」と言っている",  # a quote of a person, not of a work
    "このままでは孤独死してしまう",
    "自殺したいと思う",
    "階段を上ると胸が痛い",
    "ニュースを見て死にたくなった",  # the news moved the person: their own wish
])
def test_the_same_words_said_of_a_person_still_show_the_crisis_lines(text: str) -> None:
    assert get_tagger().tag(text).emergency


@pytest.mark.parametrize(("text", "category"), [
    ("三年前は消えたいと思うこともあったけど、今は元気に働いています", "health"),
    ("以前、夫に殴られていたが、今は離婚して穏やかに暮らしている", "abuse"),
])
def test_a_past_episode_the_text_says_is_over_keeps_its_need_without_the_alarm(
        text: str, category: str) -> None:
    result = get_tagger().tag(text)
    assert not result.emergency
    assert category in result.categories


def test_an_ambulance_last_week_and_no_harm_done_is_no_alarm() -> None:
    assert not get_tagger().tag(
        "先週父が倒れて救急車で運ばれたが、幸い大事に至らなかった").emergency


@pytest.mark.parametrize("text", [
    "昔から死にたいと思っていて、今は落ち着いているけど夜になるとつらい",  # still going on
    "去年は死にたいと思ったこともあって、今はもっとつらい",  # not over
    "前に夫に殴られた。今は別れたけど、また家に来て殴られた",  # it happened again
])
def test_a_past_episode_not_over_still_shows_the_crisis_lines(text: str) -> None:
    assert get_tagger().tag(text).emergency


@pytest.mark.parametrize("text", [
    "眠くて死にそう、会議長すぎ",  # 死にそう as a figure of speech
    "うちの猫が昨日から帰ってこない",  # a pet
    "元カノとはもう連絡とれないし、それでいい",  # a partner gone quiet
    "代金を払ったら、その後連絡が取れなくなった",  # a seller gone quiet
    "隣のおばあさんを見かけないと思ったら、入院していたらしい",  # found to be away
    "胃カメラの検査があるので、昨日の夜から何も食べていない",  # a fast before a check-up
    "母が先日転んで頭を打ったが、幸い大事には至りませんでした",  # over, and no harm done
])
def test_harmless_reasons_beside_danger_words_raise_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency


@pytest.mark.parametrize("text", [
    "苦しくて死にそう",
    "猫の世話は済んだ。夫が昨日から帰ってこない",
    "一人暮らしの父と連絡が取れない",
    "昨日の夜から何も食べていない。お金がない",
])
def test_the_same_words_without_the_harmless_reason_still_alarm(text: str) -> None:
    assert get_tagger().tag(text).emergency


# Families added while tuning on danger_train.jsonl and consult_train.jsonl (training sets).
# Every sentence is new: each stands for a family of phrasings.
EMERGENCY_FAMILIES_TRAIN = [
    # suicide: a barrier, a fall ending it, cutting, no pain, stopping living, insurance money,
    # a life wound up, the means readied, going to a dead spouse, ending it oneself, farewells
    "踏切の遮断機をくぐろうとしてしまった",
    "窓から飛び降りたら全部終わるのかなと考える",
    "カミソリで手首に線を入れた",
    "苦しまずに死ねる方法を探してる",
    "もう生きるのやめたい",
    "別に生きてなくてもいいかなって",
    "私が死んだら生命保険で借金を返せる",
    "もう思い残すことはありません",
    "父が「後のことは頼む」と言って通帳を渡してきた",
    "母が大事な着物や指輪を親戚に配って回っている",
    "車にホースとガムテープを積んだ",
    "祖父の枕元に農薬の瓶が置いてあった",
    "母が「お父さんのところへ行く覚悟はできとる」と言う",
    "もう自分で終わりにします",
    "みんな、ばいばい",
    "今までありがとう。もう会えんと思う",
    "睡眠薬ぜんぶいっぺんに飲んでしまおうか",
    "もう戻るつもりはないので探さないで",
    "shinitai",
    # violence: a child crying sorry, a key used to get in, pinned down, slapped, a passport
    "隣の子が毎晩「ごめんなさい」って泣いてる",
    "元彼が合鍵で部屋に入ってきて怒鳴っている",
    "職員が父をベッドに押さえつけていた",
    "夫に頬を叩かれた",
    "同居人にパスポートを取り上げられた",
    "母の二の腕に指の跡のあざがある",
    "いま助けて",
    # no food: nothing in the mouth, もん/なーも, the last meal, formula watered down, one
    # meal a day, living on X alone
    "二日前から何も口に入れていない",
    "家に食べるもんがなーもない",
    "最後に食べたのがいつか覚えていない",
    "粉ミルクを薄めて飲ませている",
    "一日一食も食べられない日がある",
    "この4日間は水とクラッカーだけ",
    "米と塩だけでしのいでいる",
    # no bed: a bench, a 24-hour shop, under a bridge tonight
    "公園のベンチで二晩過ごした",
    "今夜は橋の下で寝るしかない",
    "24時間営業のファミレスで寝泊まりしている",
    # missing: hours gone, rounds in vain, out at night, the door open, nightclothes, a name
    # not remembered, not at home when fetched
    "祖父が散歩に出たまま、もう3時間",
    "近所を見て回ったけどいない",
    "認知症の父が夜中に一人で外に出たみたい",
    "玄関の鍵が開いていて、母の靴がない",
    "パジャマのままで外を歩いているおばあさんがいる",
    "おじいさんが自分の名前も言えない様子",
    "迎えに行ったら母がご自宅にいらっしゃらなかった",
    "お袋がいない！",
    # a fall: a limb at an angle, hours on the floor, a body that will not obey, lying there
    "転んだら腕が変な方向に曲がってる",
    "もう2時間床に倒れたまま",
    "落ちてから足がいうことをきかない",
    "夫がベッドからずり落ちて、私一人では抱き起こせない",
    # not seen: delivery slips, meals untouched, ringing only, last seen
    "隣の家のドアに不在票が何枚もたまっている",
    "配食のお弁当が置いたまま手つかずです",
    "電話は呼び出し音だけで出ない",
    "三日前に見かけたのが最後です",
    # body: wheezing, an inhaler, cold sweat, a rigid shaking body, lips, frostbite
    "ぜーぜーして横になれない",
    "吸入が効かない",
    "冷や汗が止まらない",
    "子どもが急に体を突っ張らせて手足を震わせた",
    "唇の色が紫になっている",
    "外にいて手足の感覚がない",
]

NO_EMERGENCY_FAMILIES_TRAIN = [
    # a story, the news, a false alarm, an absence explained, delight
    "映画で主人公が線路に飛び込む場面があって怖かった",
    "ニュースで一家心中の事件をやっていて胸が痛んだ",
    "祖母が帰ってこない！と思ったら近所の家でお茶を飲んでいた",
    "母が電話に出ないので心配したけど、お風呂に入っていただけでした",
    "兄が家出したと思ったら、友達の家に泊まりに行っているだけだった",
    "父が入院しているので実家の郵便物がたまっている",
    "推しが尊くて息できない",
    # look-alikes of the new families
    "息子に通帳を取り上げられた",
    "そろそろ身辺整理をしないといけない歳です",
    "上の階から椅子を引きずる音がする",
    "元夫とは連絡がとれず、養育費ももらえない",
    "治療の翌日は起き上がれないくらいだるい",
    "夫に電話しても仕事中で出ない",
    "夫は手をあげたことは一度もありません",
    "叩く音は聞いたことがありません",
    "死ぬつもりなんてないです",
    "辛すぎて殺されるかと思った",
    "ゲームに負けすぎて消えたいw",
    "心中お察しします",
    "DVで夫から逃げて、いまは母子で暮らしています",
]


# Families found by writing new sentences for each family the blind sets' READMEs name
# (teen slang and emoji, an older person's quiet wording, farewells, means at hand, reports).
EMERGENCY_FAMILIES_PROBED = [
    "楽になれる方法を教えて",
    "生まれてきてすみません",
    "家族に迷惑をかけないように消えます",
    "今夜、何もかも終わらせるつもり",
    "いつも死について考えてしまう",
    "手首の傷がまた増えた",
    "明日には私はいないと思う",
    "ばあちゃんが「もう死なしてくれ」と言うとる",
    "彼が怒ると皿を投げてくる",
    "母が車椅子に縛られていた",
    "夫に意識がありません",
    "呼んでも返事がありません",
    "消えたみ",
    "💊💊💊",
    "わしはもう十分生きさせてもらった",
    "これが最後の書き込みです",
    "長い間お世話になりました。さようなら",
    "飛び降りられる高いビルを探している",
    "私なんかいなくなればみんな楽になる",
    "吹雪の中、外で夜を過ごしている",
    # a report in formal words
    "訪問すると、ご本人が廊下に倒れておられました",
    "呼びかけにも反応がありません",
]

NO_EMERGENCY_FAMILIES_PROBED = [
    "楽になれる姿勢を教えてください、腰痛で",
    "ずっと眠っていたいくらい眠い",
    "兄を殴った夢を見た",
    "最後の連絡事項をお伝えします",
    "この部屋は高いところにある",
]


# Each list above is one round of the danger work (its comment says where the wording came
# from); one pair of tests reads them all.
@pytest.mark.parametrize("text", [*EMERGENCY, *EMERGENCY_FAMILIES, *EMERGENCY_FAMILIES_3,
                                  *EMERGENCY_FAMILIES_TRAIN, *EMERGENCY_FAMILIES_PROBED])
def test_everyday_wording_of_a_danger_shows_the_crisis_lines(text: str) -> None:
    result = get_tagger().tag(text)
    assert result.emergency
    assert result.danger


@pytest.mark.parametrize("text", [*NO_EMERGENCY, *NO_EMERGENCY_FAMILIES, *NO_EMERGENCY_FAMILIES_3,
                                  *NO_EMERGENCY_FAMILIES_TRAIN, *NO_EMERGENCY_FAMILIES_PROBED])
def test_figures_of_speech_pasts_stories_and_look_alikes_raise_no_alarm(text: str) -> None:
    assert not get_tagger().tag(text).emergency
