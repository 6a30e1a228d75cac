"""Feeds, the sitemap, robots.txt, the OpenSearch description and the favicon, at the site's root.

Feeds live under /feeds/, one Atom (.atom) and one RSS (.rss) address per subject, named
`<subject>_atom` and `<subject>_rss` (e.g. syndication:person_atom with the person's slug).
"""

from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "syndication"

FEEDS = {
    # subject: (feed class, its address without the suffix)
    "readouts": (feeds.NewestReadoutsFeed, "feeds/readouts"),
    "person": (feeds.PersonFeed, "feeds/people/<slug:slug>"),
    "organization": (feeds.OrganizationFeed, "feeds/organizations/<slug:slug>"),
    "topic": (feeds.TopicFeed, "feeds/topics/<slug:slug>"),
    "relation": (feeds.RelationFeed, "feeds/relations/<slug:first>/<slug:second>"),
    "commitment": (feeds.CommitmentFeed, "feeds/commitments/<int:pk>"),
    "changes": (feeds.PublisherChangesFeed, "feeds/changes"),
}

urlpatterns = [
    path(f"{route}.{suffix}", feed(), name=f"{subject}_{suffix}")
    for subject, (feed_class, route) in FEEDS.items()
    for suffix, feed in (("atom", feed_class), ("rss", feeds.rss(feed_class)))
] + [
    path(
        "sitemap.xml",
        views.sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        views.sitemap_section,
        {"sitemaps": SITEMAPS, "template_name": "syndication/sitemap.xml"},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
    path("favicon.ico", views.favicon, name="favicon"),
]
