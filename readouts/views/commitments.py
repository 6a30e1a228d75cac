from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from ..filters import CommitmentFilter
from ..models import Commitment, CommitmentUpdate
from .paging import paginate


def _with_actors(commitments):
    return commitments.select_related("readout", "statement").prefetch_related(
        "actor_people", "actor_organizations"
    )


def commitment_list(request):
    commitments = Commitment.objects.published().order_by("-readout__date", "-readout__id", "position", "id")
    filterset = CommitmentFilter(request.GET, queryset=_with_actors(commitments))
    valid = filterset.is_valid()
    context = {
        "filterset": filterset,
        "page": paginate(request, filterset.qs) if valid else None,
    }
    return render(request, "readouts/commitment_list.html", context, status=200 if valid else 400)


def commitment_detail(request, pk):
    """Commitments of draft readouts do not exist for the public."""
    commitment = get_object_or_404(
        _with_actors(Commitment.objects.published()).prefetch_related(
            "sources",
            Prefetch("updates", queryset=CommitmentUpdate.objects.select_related("evidence").prefetch_related("sources")),
        ),
        pk=pk,
    )
    return render(request, "readouts/commitment_detail.html", {"commitment": commitment})
