"""The site's URLs plus a minimal view, for scripts/benchmark.py only (via scripts/bench_settings.py).

The minimal view goes through the same middleware as every page, so comparing a page's requests
per second with it shows what the page itself costs."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello", content_type="text/plain")


urlpatterns = [path("_bench/hello/", hello, name="bench_hello"), *site_urlpatterns]
