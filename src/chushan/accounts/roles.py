"""Platform roles as Django groups: operators run the market, reviewers decide admissions."""

from django.utils.translation import gettext_lazy as _

OPERATORS = "operators"
REVIEWERS = "reviewers"


def _view(app_label: str, *models: str) -> list[str]:
    return [f"{app_label}.view_{model}" for model in models]


# Operators run the back office: they see every app's records. What they change goes through services (admin
# actions, /ops/ pages); the ledgers (stock movements, trace events, chain records, the audit trail) stay view-only.
OPERATOR_BACK_OFFICE = [
    *_view("inventory", "saleschannel", "location", "stock", "stockmovement", "reservation", "transfer",
           "transferline", "stockcount", "stockcountline"),
    # Sales channels are the platform's; a location's commission or GLN is corrected here.
    "inventory.add_saleschannel", "inventory.change_saleschannel", "inventory.change_location",
    *_view("pricing", "promotion", "channelprice"),
    *_view("payments", "payment", "refund", "paymentnotification", "sandboxtrade", "sandboxnotification"),
    *_view("orders", "order", "orderline", "ordertransition", "orderrefund", "checkout", "pickupcode"),
    *_view("aftersales", "returnrequest", "returnline", "returnphoto", "ticket", "ticketmessage",
           "ticketassignment"),
    *_view("pos", "possale", "possaleline", "posreturn", "posreturnline", "settlement"),
    *_view("trace", "site", "lot", "serial", "traceevent", "chainrecord", "chainanchor", "capturejob", "recall",
           "chaincheck", "inspectoraccess"),
    # A recall across sellers (trace.services.lot_recall) is the platform's to start.
    "trace.add_recall",
]

ROLE_PERMISSIONS = {
    REVIEWERS: ["sellers.review_seller", "sellers.view_seller", "sellers.view_certificate"],
    OPERATORS: [
        "sellers.review_seller", "sellers.suspend_seller", "sellers.record_credit_event",
        "sellers.view_seller", "sellers.view_certificate", "catalog.delist_product", "catalog.view_product",
        # To find people in the back office; role changes go through admin actions that call role_grant.
        "accounts.view_user",
        # A seller's GS1 company prefix is recorded by an operator (trace.services.company_prefix_add).
        "trace.add_companyprefix", "trace.view_companyprefix",
        *OPERATOR_BACK_OFFICE,
    ],
}
ROLE_LABELS = {OPERATORS: _("platform operators"), REVIEWERS: _("admission reviewers")}


def ensure_roles(sender=None, using="default", **kwargs):
    """Create the role groups and give them their permissions; safe to run after every migrate."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.using(using).filter(content_type__app_label=app_label,
                                                           codename=codename).first()
            if found:
                wanted.append(found)
        group.permissions.add(*wanted)
