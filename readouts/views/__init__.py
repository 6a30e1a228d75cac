"""The public pages of the archive, one module per kind of page."""

from .archives import month_archive, year_archive
from .commitments import commitment_detail, commitment_list, commitment_table
from .compare import readout_compare
from .home import home
from .organizations import organization_detail, organization_list
from .people import person_detail, person_list
from .preview import readout_preview
from .readouts import readout_detail, readout_list, readout_short
from .relations import relation_detail
from .search import search_page
from .topics import topic_detail, topic_list

__all__ = [
    "commitment_detail",
    "commitment_list",
    "commitment_table",
    "home",
    "month_archive",
    "organization_detail",
    "organization_list",
    "person_detail",
    "person_list",
    "readout_detail",
    "readout_compare",
    "readout_list",
    "readout_preview",
    "readout_short",
    "relation_detail",
    "search_page",
    "topic_detail",
    "topic_list",
    "year_archive",
]
