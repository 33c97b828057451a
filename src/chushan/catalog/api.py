"""Catalogue API: public product and category reads, seller product management, operator delisting."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from chushan.accounts.auth import user_auth
from chushan.catalog import schemas, selectors, services
from chushan.catalog.models import Product
from chushan.core.errors import NotFound, PermissionDenied
from chushan.sellers.selectors import seller_of

router = Router(tags=["catalog"])
seller_router = Router(tags=["seller products"], auth=user_auth)
operator_router = Router(tags=["operator"], auth=user_auth)


def _ref(obj) -> dict | None:
    return None if obj is None else {"id": obj.pk, "slug": obj.slug, "name": obj.display_name,
                                     "url": obj.get_absolute_url()}


def _code_ref(obj) -> dict | None:
    return None if obj is None else {"code": obj.code, "name": obj.display_name}


def _claims(claims) -> list[dict]:
    return [{"claim": c.claim.value, "label": c.label, "certificate_kind": c.certificate.kind} for c in claims]


def _public_out(page: selectors.ProductPage) -> dict:
    product = page.product
    return {
        "id": product.pk, "url": product.get_absolute_url(), "name": product.name, "name_en": product.name_en,
        "display_name": product.display_name, "subtitle": product.subtitle, "story": product.display_story,
        "kind": product.kind, "unit": product.unit,
        "category": {"id": product.category.pk, "slug": product.category.slug,
                     "name": product.category.display_name, "url": f"/search?category={product.category.slug}"},
        "heritage_item": _ref(product.heritage_item), "brand": _ref(product.brand),
        "region": _code_ref(product.region), "ethnic_group": _code_ref(product.ethnic_group),
        "attributes": product.attributes, "skus": page.skus, "images": page.images, "claims": _claims(page.claims),
        "maker": {"slug": product.seller.slug, "name": product.seller.name,
                  "url": product.seller.get_absolute_url(),
                  "badges": [{"kind": b.kind, "label": b.label} for b in page.badges]},
        "published_at": product.published_at,
    }


@router.get("/products/{product_id}", response=schemas.ProductOut, url_name="product")
def product_get(request: HttpRequest, product_id: int):
    """A product on sale, with its SKUs, pictures, the claims backed today and the maker's badges."""
    page = selectors.product_page(product_id=product_id)
    if page is None:
        raise NotFound(_("There is no product on sale with this number."))
    return _public_out(page)


def _category_out(node: selectors.CategoryNode) -> dict:
    c = node.category
    return {"id": c.pk, "slug": c.slug, "name": c.display_name, "name_en": c.name_en,
            "children": [_category_out(child) for child in node.children]}


@router.get("/categories", response=list[schemas.CategoryOut], url_name="categories")
def category_list(request: HttpRequest):
    """The category tree, roots first."""
    return [_category_out(node) for node in selectors.category_tree()]


# Seller -----------------------------------------------------------------------------------------------

def _seller(request):
    seller = seller_of(request.auth)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can manage products. Apply to sell first."))
    return seller


def _seller_out(product: Product) -> dict:
    skus, images = list(product.skus.all()), list(product.images.all())
    return {
        "id": product.pk, "url": product.get_absolute_url(), "status": product.status, "name": product.name,
        "name_en": product.name_en, "subtitle": product.subtitle, "story": product.story,
        "story_en": product.story_en, "kind": product.kind, "unit": product.unit,
        "category_id": product.category_id, "heritage_item_id": product.heritage_item_id,
        "brand_id": product.brand_id, "region_code": product.region_id,
        "ethnic_group_code": product.ethnic_group.code if product.ethnic_group_id else None,
        "attributes": product.attributes, "claims": product.claims,
        "claims_displayed": [c.claim.value for c in selectors.product_claims_displayed(product)],
        "delist_reason": product.delist_reason if product.status == Product.Status.DELISTED else "",
        "skus": skus, "images": images, "created_at": product.created_at, "updated_at": product.updated_at,
        "published_at": product.published_at,
    }


def _reload(request, product_id: int) -> dict:
    product = selectors.product_get_for_seller(seller=_seller(request), product_id=product_id)
    if product is None:
        raise NotFound(_("You have no product with this number."))
    return _seller_out(product)


@seller_router.get("/products", response=list[schemas.SellerProductListOut], url_name="seller_products")
@paginate(schemas.BoundedPagination)
def seller_product_list(request: HttpRequest, status: schemas.StatusName | None = None):
    """The signed-in member's seller's products, most recently changed first."""
    return selectors.product_list_for_seller(seller=_seller(request), status=status)


@seller_router.post("/products", response={201: schemas.SellerProductOut}, url_name="seller_product_create")
def seller_product_create(request: HttpRequest, payload: schemas.ProductCreateIn):
    """List a product in one call: basics, at least one SKU, claims, and optionally on sale at once.
    Pictures follow through POST /seller/products/{id}/images."""
    data = payload.dict(exclude={"skus", "claims", "publish"})
    product = services.product_create(
        actor=request.auth, data=services.ProductData(**data),
        skus=[services.SkuData(**sku.dict()) for sku in payload.skus], claims=payload.claims,
        publish=payload.publish)
    return Status(201, _reload(request, product.pk))


@seller_router.get("/products/{product_id}", response=schemas.SellerProductOut, url_name="seller_product")
def seller_product_get(request: HttpRequest, product_id: int):
    return _reload(request, product_id)


@seller_router.patch("/products/{product_id}", response=schemas.SellerProductOut)
def seller_product_update(request: HttpRequest, product_id: int, payload: schemas.ProductPatchIn):
    """Change only the fields sent; null clears an optional link (heritage item, brand, region)."""
    services.product_update(actor=request.auth, product_id=product_id, changes=payload.dict(exclude_unset=True))
    return _reload(request, product_id)


@seller_router.post("/products/{product_id}/publish", response=schemas.SellerProductOut)
def seller_product_publish(request: HttpRequest, product_id: int):
    services.product_publish(actor=request.auth, product_id=product_id)
    return _reload(request, product_id)


@seller_router.post("/products/{product_id}/unpublish", response=schemas.SellerProductOut)
def seller_product_unpublish(request: HttpRequest, product_id: int):
    services.product_unpublish(actor=request.auth, product_id=product_id)
    return _reload(request, product_id)


@seller_router.post("/products/{product_id}/skus", response={201: schemas.SellerSkuOut})
def seller_sku_add(request: HttpRequest, product_id: int, payload: schemas.SkuIn):
    sku = services.sku_add(actor=request.auth, product_id=product_id, data=services.SkuData(**payload.dict()))
    return Status(201, sku)


@seller_router.patch("/products/{product_id}/skus/{sku_id}", response=schemas.SellerSkuOut)
def seller_sku_update(request: HttpRequest, product_id: int, sku_id: int, payload: schemas.SkuPatchIn):
    changes = payload.dict(exclude_unset=True)
    # null price or on-sale flag means "unchanged"; null options or GTIN clears them.
    changes = {k: v for k, v in changes.items() if not (v is None and k in {"price", "is_active"})}
    return services.sku_update(actor=request.auth, product_id=product_id, sku_id=sku_id, changes=changes)


@seller_router.delete("/products/{product_id}/skus/{sku_id}", response={204: None})
def seller_sku_remove(request: HttpRequest, product_id: int, sku_id: int):
    services.sku_remove(actor=request.auth, product_id=product_id, sku_id=sku_id)
    return Status(204, None)


@seller_router.post("/products/{product_id}/images", response={201: schemas.ImageOut})
def seller_image_add(request: HttpRequest, product_id: int, file: File[UploadedFile],
                     alt: Form[str] = ""):
    """Upload one picture (multipart field ``file``); it is decoded, re-encoded and given a thumbnail."""
    image = services.product_image_add(actor=request.auth, product_id=product_id, upload=file, alt=alt)
    return Status(201, image)


@seller_router.delete("/products/{product_id}/images/{image_id}", response={204: None})
def seller_image_remove(request: HttpRequest, product_id: int, image_id: int):
    services.product_image_remove(actor=request.auth, product_id=product_id, image_id=image_id)
    return Status(204, None)


@seller_router.put("/products/{product_id}/claims", response=schemas.SellerProductOut)
def seller_claims_set(request: HttpRequest, product_id: int, payload: schemas.ClaimsIn):
    """Set exactly these claims; 422 names the certificate missing for any claim not backed today."""
    services.product_claims_set(actor=request.auth, product_id=product_id, claims=payload.claims)
    return _reload(request, product_id)


# Operator -----------------------------------------------------------------------------------------------

@operator_router.post("/products/{product_id}/delist", response=schemas.DelistOut)
def operator_product_delist(request: HttpRequest, product_id: int, payload: schemas.DelistIn):
    """Take a product off the platform with a reason the seller sees (needs catalog.delist_product)."""
    return services.product_delist(actor=request.auth, product_id=product_id, reason=payload.reason)


@operator_router.post("/products/{product_id}/relist", response=schemas.DelistOut)
def operator_product_relist(request: HttpRequest, product_id: int):
    """Lift a delisting; the product returns to its seller as a draft."""
    return services.product_relist(actor=request.auth, product_id=product_id)


router.add_router("/seller", seller_router)
router.add_router("/operator", operator_router)
