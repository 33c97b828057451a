from django.urls import path

from chushan.catalog.views import console, public

app_name = "catalog"
urlpatterns = [
    path("products/<int:product_id>/", public.product_detail, name="product"),
    # Seller console: listing takes three screens, editing is one page with htmx sections.
    path("console/products/", console.product_list, name="console_products"),
    path("console/products/new/", console.product_new, name="console_new"),
    path("console/products/new/skus/", console.product_new_skus, name="console_new_skus"),
    path("console/products/new/skus/row/", console.product_new_sku_row, name="console_new_sku_row"),
    path("console/products/new/finish/", console.product_new_finish, name="console_new_finish"),
    path("console/products/<int:product_id>/", console.product_edit, name="console_product"),
    path("console/products/<int:product_id>/publish/", console.product_publish, name="console_publish"),
    path("console/products/<int:product_id>/unpublish/", console.product_unpublish, name="console_unpublish"),
    path("console/products/<int:product_id>/claims/", console.product_claims, name="console_claims"),
    path("console/products/<int:product_id>/images/", console.image_add, name="console_image_add"),
    path("console/products/<int:product_id>/images/<int:image_id>/remove/", console.image_remove,
         name="console_image_remove"),
    path("console/products/<int:product_id>/skus/", console.sku_add, name="console_sku_add"),
    path("console/products/<int:product_id>/skus/<int:sku_id>/", console.sku_edit, name="console_sku"),
    path("console/products/<int:product_id>/skus/<int:sku_id>/remove/", console.sku_remove,
         name="console_sku_remove"),
]
