from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kelola.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self):
        from kelola.core import audit, signals  # noqa: F401 - login/logout audit receivers

        audit.connect_signals()

        from kelola.core.context_processors import register_navigation
        from kelola.core.views.pages import can_read_audit_log

        register_navigation(
            _("Naskah"),
            [(_("Dokumen"), "core:document_list", _is_member), (_("Surat"), "core:letter_list", _is_member)],
        )
        register_navigation(_("Administrasi"), [(_("Log audit"), "core:audit_log", can_read_audit_log)])

        from kelola.core import accounts  # also connects the lockout audit receiver

        register_navigation(_("Administrasi"), [(_("Pengguna"), "core:user_list", accounts.can_read_users)])


def _is_member(user) -> bool:
    from kelola.core.access import actor_for

    actor = actor_for(user)
    return actor.is_platform_admin or bool(actor.member_pemdas())
