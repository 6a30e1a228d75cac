"""Compressing responses: Brotli where the client accepts it, else gzip (readouts.middleware
decides which responses).

For an 80 KB readout page (the sample archive's largest), on the development machine: Brotli at
quality 5 takes 1.8 ms and gives 11.9 KB, gzip at level 6 2.3 ms and 13.0 KB; Brotli's default
quality, 11, would take 155 ms for 10.5 KB. The page cache stores pages compressed, so a cached
page costs this once, not on every request.
"""

import gzip
import re

import brotli
from django.utils.text import compress_sequence

BROTLI_QUALITY = 5
GZIP_LEVEL = 6
MIN_LENGTH = 200  # shorter, the headers outweigh the saving
TYPES = re.compile(r"^(text/|application/(json|xml|atom\+xml|rss\+xml|opensearchdescription\+xml|javascript)\b|image/svg\+xml)")


def compressible(response):
    return (
        not response.has_header("Content-Encoding")
        and bool(TYPES.match(response.get("Content-Type", "")))
        and (response.streaming or len(response.content) >= MIN_LENGTH)
    )


def chosen(accept_encoding):
    """"br" or "gzip", whichever the Accept-Encoding header accepts, Brotli first; or None."""
    accepted = set()
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.partition(";")
        quality = params.strip().removeprefix("q=")
        if not (quality and re.fullmatch(r"0(\.0*)?", quality)):
            accepted.add(coding.strip())
    return next((coding for coding in ("br", "gzip") if coding in accepted), None)


def compress(response, encoding):
    if response.streaming:
        response.streaming_content = (
            _brotli_sequence(response.streaming_content) if encoding == "br" else compress_sequence(response.streaming_content)
        )
        del response["Content-Length"]
    else:
        body = response.content
        if encoding == "br":
            compressed = brotli.compress(body, quality=BROTLI_QUALITY)
        else:
            compressed = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        if len(compressed) >= len(body):
            return
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
    response["Content-Encoding"] = encoding
    etag = response.get("ETag", "")
    if etag.startswith('"'):
        response["ETag"] = f"W/{etag}"  # the same page, not the same bytes


def _brotli_sequence(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for chunk in chunks:
        yield compressor.process(chunk)
        yield compressor.flush()
    yield compressor.finish()
