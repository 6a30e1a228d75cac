from .addresses import FormerAddress
from .appearances import (
    OrganizationAppearance,
    OrganizationCommitment,
    OrganizationCount,
    PersonAppearance,
    PersonCommitment,
    PersonCount,
    PersonPair,
    PersonRole,
    ReadoutSize,
    Representative,
    TopicAppearance,
    TopicCount,
)
from .commitments import Commitment, CommitmentStatus, CommitmentUpdate
from .edition import ArchiveEdition
from .entities import Organization, OrganizationKind, Person
from .readouts import Participant, ParticipantRole, Readout, ReadoutFormat, ReadoutLink, ReadoutLinkKind
from .search import SearchDocument, SearchRanking, SearchText
from .statements import Discrepancy, DiscrepancyVersion, Quote, Source, Statement, StatementKind
from .topics import Topic, TopicKind

__all__ = [
    "ArchiveEdition",
    "Commitment",
    "CommitmentStatus",
    "CommitmentUpdate",
    "Discrepancy",
    "DiscrepancyVersion",
    "FormerAddress",
    "Organization",
    "OrganizationAppearance",
    "OrganizationCommitment",
    "OrganizationCount",
    "OrganizationKind",
    "Participant",
    "ParticipantRole",
    "Person",
    "PersonAppearance",
    "PersonCommitment",
    "PersonCount",
    "PersonPair",
    "PersonRole",
    "Quote",
    "Readout",
    "ReadoutFormat",
    "ReadoutLink",
    "ReadoutLinkKind",
    "ReadoutSize",
    "Representative",
    "SearchDocument",
    "SearchRanking",
    "SearchText",
    "Source",
    "Statement",
    "StatementKind",
    "Topic",
    "TopicAppearance",
    "TopicCount",
    "TopicKind",
]
