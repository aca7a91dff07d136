from .audit import AuditAction, AuditChainHead, AuditEntry, TimelineEvent
from .base import AgencyModel, ChildRowMixin, KelolaModel, ScopedManager, ScopedQuerySet, TenantModel
from .documents import Document, DocumentKind, Letter, LetterCounter, LetterKind
from .notifications import DeliveryStatus, Job, JobStatus, Notification, NotificationDelivery
from .tenancy import Agency, Pemda
from .users import RoleAssignment, User

__all__ = [
    "Agency",
    "AgencyModel",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "ChildRowMixin",
    "DeliveryStatus",
    "Document",
    "DocumentKind",
    "Job",
    "JobStatus",
    "KelolaModel",
    "Letter",
    "LetterCounter",
    "LetterKind",
    "Notification",
    "NotificationDelivery",
    "Pemda",
    "RoleAssignment",
    "ScopedManager",
    "ScopedQuerySet",
    "TenantModel",
    "TimelineEvent",
    "User",
]
