"""python-telegram-bot's HTTP layer on aiohttp: the same Bot, Updates and handlers, over a leaner
HTTP/1.1 client. Under load httpx + httpcore + anyio cost about half of the bot's CPU (bench/e2e.py,
py-spy): per call a new Timeout object, pool bookkeeping that walks every queued request, a
socket-readable probe, and headers and body written to the socket separately."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from aiohttp.helpers import get_env_proxy_for_url
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

_JSON = {"Content-Type": "application/json"}
# PTB's own HTTPXRequest defaults, so that switching transports changes no behaviour.
CONNECTION_POOL_SIZE = 256
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0
MEDIA_WRITE_TIMEOUT = 20.0


class AiohttpRequest(BaseRequest):
    """A `telegram.request.BaseRequest` over one aiohttp session with a keep-alive pool.

    Parameters go as one JSON body (the Bot API takes application/json; an urlencoded form
    percent-encodes every Japanese character and costs aiohttp a multipart writer per call);
    files as multipart. A proxy from the environment (HTTPS_PROXY, NO_PROXY, as httpx honours
    them) is looked up once per server, not on every call as aiohttp's trust_env does (netrc
    read, in a worker thread).
    aiohttp has no separate write or pool timeout: the pool wait counts towards the connect
    timeout, and writing towards the read timeout (a socket read starts once the body is out).
    """

    __slots__ = ("_connect_timeout", "_pool_size", "_proxies", "_read_timeout", "_session",
                 "_timeouts", "_write_timeout")

    def __init__(self, connection_pool_size: int = CONNECTION_POOL_SIZE, *,
                 read_timeout: float | None = READ_TIMEOUT,
                 write_timeout: float | None = WRITE_TIMEOUT,
                 connect_timeout: float | None = CONNECT_TIMEOUT,
                 pool_timeout: float | None = POOL_TIMEOUT) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = _sum(connect_timeout, pool_timeout)
        self._session: aiohttp.ClientSession | None = None
        # One ClientTimeout per distinct (connect, read) pair: getUpdates asks for its own
        # read timeout on every call, everything else for the default.
        self._timeouts: dict[tuple[float | None, float | None], aiohttp.ClientTimeout] = {}
        self._proxies: dict[str, tuple[str | None, aiohttp.BasicAuth | None]] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            # The session belongs to the running event loop, so it is made here, not in
            # __init__ (the Application is built before its loop runs).
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, skip_auto_headers=("Accept-Encoding",),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        body: Any = None
        headers = None
        if files:
            body = _multipart(request_data, files)
        elif request_data is not None:
            body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            headers = _JSON
        timeout = self._timeout(read_timeout, write_timeout, connect_timeout, pool_timeout,
                                media=bool(files))
        proxy, proxy_auth = self._proxy(url)
        try:
            async with self._session.request(method, url, data=body, headers=headers,
                                             timeout=timeout, proxy=proxy,
                                             proxy_auth=proxy_auth) as res:
                return res.status, await res.read()
        except TimeoutError as err:  # aiohttp's ServerTimeoutError is one too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err

    def _proxy(self, url: str) -> tuple[str | None, aiohttp.BasicAuth | None]:
        origin = url[: url.find("/", url.find("//") + 2)]
        found = self._proxies.get(origin)
        if found is None:
            try:
                proxy, auth = get_env_proxy_for_url(URL(origin))
                found = (str(proxy), auth)
            except LookupError:
                found = (None, None)
            self._proxies[origin] = found
        return found

    def _timeout(self, read: ODVInput[float], write: ODVInput[float],
                 connect: ODVInput[float], pool: ODVInput[float], *,
                 media: bool) -> aiohttp.ClientTimeout:
        read_s = self._read_timeout if isinstance(read, DefaultValue) else read
        write_s = ((MEDIA_WRITE_TIMEOUT if media else self._write_timeout)
                   if isinstance(write, DefaultValue) else write)
        if media:  # an upload's write time counts against the read timeout (see the class)
            read_s = _sum(read_s, write_s)
        connect_s = self._connect_timeout
        if not isinstance(connect, DefaultValue) or not isinstance(pool, DefaultValue):
            connect_s = _sum(
                CONNECT_TIMEOUT if isinstance(connect, DefaultValue) else connect,
                POOL_TIMEOUT if isinstance(pool, DefaultValue) else pool)
        key = (connect_s, read_s)
        timeout = self._timeouts.get(key)
        if timeout is None:
            timeout = aiohttp.ClientTimeout(total=None, connect=connect_s, sock_read=read_s)
            if len(self._timeouts) < 64:  # bounded: callers may pass any float
                self._timeouts[key] = timeout
        return timeout


def _multipart(request_data: RequestData | None, files: dict[str, Any]) -> aiohttp.FormData:
    form = aiohttp.FormData()
    if request_data is not None:
        for name, value in request_data.json_parameters.items():
            form.add_field(name, value)
    for name, (filename, content, mime_type) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form


def _sum(first: float | None, second: float | None) -> float | None:
    """None means no limit: a sum with no limit has none."""
    return None if first is None or second is None else first + second
