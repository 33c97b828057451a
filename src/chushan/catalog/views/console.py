"""Seller console product pages, scoped to the signed-in member's seller.

Listing a product takes three screens (basics → SKUs and prices → pictures and claims); the first two
are kept in the session and the third calls ``product_create`` once with everything.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chushan.catalog import rules, selectors, services
from chushan.catalog.forms import ProductBasicsForm, SkuRowForm, add_application_error
from chushan.catalog.models import Product
from chushan.core.errors import ApplicationError
from chushan.heritage.models import HeritageItem, RegionalBrand
from chushan.sellers.selectors import seller_of

SESSION_KEY = "catalog.new_product"
MAX_NEW_ROWS = 20


def console_member(view):
    """Signed in and a member of a seller; the seller is on ``request.seller``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.seller = seller_of(request.user)
        if request.seller is None:
            raise PermissionDenied(_("Only members of a seller can use the seller console. Apply to sell first."))
        return view(request, *args, **kwargs)

    return wrapper


def _raise_http(exc: ApplicationError) -> None:
    """Absent or forbidden are pages of their own; anything else is shown on the form."""
    if exc.status == 404:
        raise Http404(str(exc.message))
    if exc.status == 403:
        raise PermissionDenied(str(exc.message))


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# List -----------------------------------------------------------------------------------------------

@console_member
def product_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:60]
    products = selectors.product_list_for_seller(seller=request.seller, status=status, query=query)
    page = Paginator(products, 20).get_page(request.GET.get("page"))
    return render(request, "catalog/console/product_list.html", {
        "page": page, "status": status, "query": query, "statuses": Product.Status.choices})


# Listing a product in three screens -----------------------------------------------------------------

def _draft(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


@console_member
@require_http_methods(["GET", "POST"])
def product_new(request):
    """Screen 1: name, category and kind (more details folded away)."""
    draft = _draft(request)
    form = ProductBasicsForm(request.POST or None, initial=draft.get("basics_initial"))
    if request.method == "POST" and form.is_valid():
        draft["basics"] = form.product_fields()
        draft["basics_initial"] = {k: v for k, v in form.cleaned_data.items()}
        request.session[SESSION_KEY] = draft
        return redirect("catalog:console_new_skus")
    return render(request, "catalog/console/new_basics.html", {"form": form, "step": 1},
                  status=422 if form.errors else 200)


def _sku_rows_from_post(post) -> tuple[list[dict], list[SkuRowForm]]:
    forms_, rows = [], []
    options, prices, codes = post.getlist("options"), post.getlist("price"), post.getlist("code")
    for i in range(min(max(len(options), len(prices), len(codes)), MAX_NEW_ROWS)):
        raw = {"options": options[i] if i < len(options) else "", "price": prices[i] if i < len(prices) else "",
               "code": codes[i] if i < len(codes) else "", "is_active": "on"}
        if not any(raw[k].strip() for k in ("options", "price", "code")):
            continue
        form = SkuRowForm(raw, prefix=None)
        forms_.append(form)
        rows.append(raw)
    return rows, forms_


@console_member
@require_http_methods(["GET", "POST"])
def product_new_skus(request):
    """Screen 2: one row per SKU (option, price, optional code)."""
    draft = _draft(request)
    if "basics" not in draft:
        return redirect("catalog:console_new")
    rows = [{"options": rules.sku_options_to_text(row["options"]), "price": row["price"], "code": row["code"]}
            for row in draft.get("skus", [])] or [{"options": "", "price": "", "code": ""}]
    error, forms_ = "", []
    if request.method == "POST":
        rows, forms_ = _sku_rows_from_post(request.POST)
        if not rows:
            error = _("Add at least one SKU with its price.")
        elif all([form.is_valid() for form in forms_]):  # a list, so every row gets its errors
            draft["skus"] = [{"options": f.cleaned_data["options"], "price": str(f.cleaned_data["price"]),
                              "code": f.cleaned_data["code"]} for f in forms_]
            request.session[SESSION_KEY] = draft
            return redirect("catalog:console_new_finish")
    if not forms_:
        forms_ = [SkuRowForm(initial=row) for row in rows]
    invalid = bool(error) or any(form.errors for form in forms_)
    return render(request, "catalog/console/new_skus.html", {"rows": forms_, "error": error, "step": 2},
                  status=422 if invalid else 200)


@console_member
def product_new_sku_row(request):
    """One more empty SKU row for screen 2 (htmx)."""
    return render(request, "catalog/console/_new_sku_row.html", {"form": SkuRowForm()})


def _claim_options(request, draft, chosen=()):
    basics = draft["basics"]
    heritage_item = HeritageItem.objects.filter(pk=basics.get("heritage_item_id")).first()
    brand = RegionalBrand.objects.filter(pk=basics.get("brand_id")).first()
    return selectors.claim_options(product_seller=request.seller, heritage_item=heritage_item, brand=brand,
                                   chosen=chosen)


@console_member
@require_http_methods(["GET", "POST"])
def product_new_finish(request):
    """Screen 3: pictures and claims, then list it (as a draft, or on sale at once)."""
    draft = _draft(request)
    if "basics" not in draft:
        return redirect("catalog:console_new")
    if "skus" not in draft:
        return redirect("catalog:console_new_skus")
    chosen, error, status = request.POST.getlist("claims"), None, 200
    if request.method == "POST":
        skus = [services.SkuData(price=row["price"], options=row["options"], code=row["code"] or None)
                for row in draft["skus"]]
        try:
            product = services.product_create(
                actor=request.user, data=services.ProductData(**draft["basics"]), skus=skus,
                images=request.FILES.getlist("images")[:rules.MAX_IMAGES_PER_PRODUCT + 1],
                claims=chosen, publish=request.POST.get("publish") == "on")
        except ApplicationError as exc:
            _raise_http(exc)
            error, status = exc, exc.status
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Listed: %(name)s.") % {"name": product.name} if product.is_published
                             else _("Saved as a draft: %(name)s.") % {"name": product.name})
            return redirect("catalog:console_product", product_id=product.pk)
    return render(request, "catalog/console/new_finish.html", {
        "step": 3, "draft": draft, "claim_options": _claim_options(request, draft, chosen), "error": error,
        "can_publish": request.seller.is_admitted, "max_images": rules.MAX_IMAGES_PER_PRODUCT}, status=status)


# Editing --------------------------------------------------------------------------------------------

def _product_or_404(request, product_id: int) -> Product:
    product = selectors.product_get_for_seller(seller=request.seller, product_id=product_id)
    if product is None:
        raise Http404(_("You have no product with this number."))
    return product


def _edit_page(request, product_id: int, *, status: int = 200, **extra):
    product = _product_or_404(request, product_id)
    context = {
        "product": product,
        "basics": extra.pop("basics", None) or ProductBasicsForm(initial=ProductBasicsForm.initial_for(product)),
        "sku_rows": [(sku, SkuRowForm(initial=_sku_initial(sku))) for sku in product.skus.all()],
        "add_form": SkuRowForm(),
        "claim_options": selectors.claim_options(product_seller=request.seller, heritage_item=product.heritage_item,
                                                 brand=product.brand, chosen=product.claims),
        "claims_shown": selectors.product_claims_displayed(product),
        "max_images": rules.MAX_IMAGES_PER_PRODUCT,
        "can_publish": request.seller.is_admitted,
        **extra,
    }
    return render(request, "catalog/console/product_edit.html", context, status=status)


def _sku_initial(sku) -> dict:
    return {"options": rules.sku_options_to_text(sku.options), "price": sku.price, "code": sku.code,
            "is_active": sku.is_active}


@console_member
@require_http_methods(["GET", "POST"])
def product_edit(request, product_id: int):
    """The product's page in the console; POST saves the basics."""
    if request.method == "GET":
        return _edit_page(request, product_id)
    form = ProductBasicsForm(request.POST)
    if form.is_valid():
        try:
            services.product_update(actor=request.user, product_id=product_id, changes=form.product_fields())
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc, rename={"category_id": "category", "heritage_item_id": "heritage_item",
                                                     "brand_id": "brand", "claims": "__all__"})
            return _edit_page(request, product_id, basics=form, status=exc.status)
        messages.success(request, _("Saved."))
        return redirect("catalog:console_product", product_id=product_id)
    return _edit_page(request, product_id, basics=form, status=422)


def _done(request, product_id: int, message: str):
    messages.success(request, message)
    return redirect("catalog:console_product", product_id=product_id)


def _refused(request, product_id: int, exc: ApplicationError, *, section: str):
    _raise_http(exc)
    return _edit_page(request, product_id, status=exc.status, **{f"{section}_error": exc})


@console_member
@require_POST
def product_publish(request, product_id: int):
    try:
        services.product_publish(actor=request.user, product_id=product_id)
    except ApplicationError as exc:
        return _refused(request, product_id, exc, section="status")
    return _done(request, product_id, _("The product is on sale."))


@console_member
@require_POST
def product_unpublish(request, product_id: int):
    try:
        services.product_unpublish(actor=request.user, product_id=product_id)
    except ApplicationError as exc:
        return _refused(request, product_id, exc, section="status")
    return _done(request, product_id, _("The product is off sale and kept as a draft."))


@console_member
@require_POST
def product_claims(request, product_id: int):
    try:
        services.product_claims_set(actor=request.user, product_id=product_id, claims=request.POST.getlist("claims"))
    except ApplicationError as exc:
        return _refused(request, product_id, exc, section="claims")
    return _done(request, product_id, _("Claims saved."))


@console_member
@require_POST
def image_add(request, product_id: int):
    upload = request.FILES.get("image")
    if upload is None:
        return _edit_page(request, product_id, status=422, images_error=_("Choose a picture to upload."))
    try:
        services.product_image_add(actor=request.user, product_id=product_id, upload=upload,
                                   alt=request.POST.get("alt", ""))
    except ApplicationError as exc:
        return _refused(request, product_id, exc, section="images")
    return _done(request, product_id, _("Picture added."))


@console_member
@require_POST
def image_remove(request, product_id: int, image_id: int):
    try:
        services.product_image_remove(actor=request.user, product_id=product_id, image_id=image_id)
    except ApplicationError as exc:
        return _refused(request, product_id, exc, section="images")
    return _done(request, product_id, _("Picture removed."))


# SKUs, edited inline with htmx (each also works as a plain form post) --------------------------------

def _sku_row(request, product_id, sku, form, *, status=200, error=""):
    return render(request, "catalog/console/_sku_row.html",
                  {"product_id": product_id, "sku": sku, "form": form, "row_error": error}, status=status)


@console_member
@require_POST
def sku_add(request, product_id: int):
    form = SkuRowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sku = services.sku_add(actor=request.user, product_id=product_id, data=services.SkuData(
                price=data["price"], options=data["options"], code=data["code"] or None,
                is_active=data["is_active"]))
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            if _is_htmx(request):
                return _sku_row(request, product_id, sku, SkuRowForm(initial=_sku_initial(sku)))
            return _done(request, product_id, _("SKU added."))
    if _is_htmx(request):
        response = render(request, "catalog/console/_sku_add.html", {"product_id": product_id, "add_form": form},
                          status=422)
        response["HX-Retarget"], response["HX-Reswap"] = "#sku-add", "outerHTML"
        return response
    return _edit_page(request, product_id, add_form=form, status=422)


@console_member
@require_POST
def sku_edit(request, product_id: int, sku_id: int):
    product = _product_or_404(request, product_id)
    sku = product.skus.filter(pk=sku_id).first()
    if sku is None:
        raise Http404(_("This product has no SKU with this number."))
    form = SkuRowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sku = services.sku_update(actor=request.user, product_id=product_id, sku_id=sku_id, changes={
                "price": data["price"], "options": data["options"], "is_active": data["is_active"]})
        except ApplicationError as exc:
            _raise_http(exc)
            add_application_error(form, exc)
        else:
            if _is_htmx(request):
                return _sku_row(request, product_id, sku, SkuRowForm(initial=_sku_initial(sku)))
            return _done(request, product_id, _("SKU saved."))
    if _is_htmx(request):
        return _sku_row(request, product_id, sku, form, status=422)
    return _edit_page(request, product_id, status=422, sku_error=form.errors.as_text())


@console_member
@require_POST
def sku_remove(request, product_id: int, sku_id: int):
    try:
        services.sku_remove(actor=request.user, product_id=product_id, sku_id=sku_id)
    except ApplicationError as exc:
        _raise_http(exc)
        if _is_htmx(request):
            sku = _product_or_404(request, product_id).skus.get(pk=sku_id)
            return _sku_row(request, product_id, sku, SkuRowForm(initial=_sku_initial(sku)), status=exc.status,
                            error=str(exc.message))
        return _edit_page(request, product_id, status=exc.status, sku_error=str(exc.message))
    if _is_htmx(request):
        return HttpResponse("")
    return _done(request, product_id, _("SKU removed."))

