from django.shortcuts import render

from .. import charts, figures, membership
from ..models import Topic, TopicKind
from .moved import moved_or_404
from .paging import paginate_readout_ids


GROUP_HEADINGS = {TopicKind.THEME: "Themes", TopicKind.PLACE: "Places"}


def topic_list(request):
    """Topics grouped by kind (themes, places), each broad topic followed by its subtopics."""
    topics = figures.with_counts(Topic.objects.public().order_by("name"), figures.readout_counts(Topic))
    children = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)
    for topic in topics:
        topic.subtopics = children.get(topic.pk, [])
    groups = [
        (heading, [topic for topic in children.get(None, []) if topic.kind == kind])
        for kind, heading in GROUP_HEADINGS.items()
    ]
    return render(request, "readouts/topic_list.html", {"groups": [group for group in groups if group[1]]})


def topic_detail(request, slug):
    try:
        topic = Topic.objects.public().select_related("parent__parent", "count").get(slug=slug)
    except Topic.DoesNotExist:
        return moved_or_404(request, "topic")
    subtopics = topic.children.public()
    context = {
        "topic": topic,
        "per_month": charts.engagements_per_month(topic),
        "subtopics": figures.counted(subtopics),
        "page": paginate_readout_ids(
            request, membership.appearances(topic).values_list("readout", flat=True), count=topic.count.readouts
        ),
    }
    return render(request, "readouts/topic_detail.html", context)
