-- PATCH: a null parameter leaves its column as it is. Stock is never changed here.
UPDATE product
SET name        = COALESCE(CAST(:#${body.name} AS text), name),
    price       = COALESCE(CAST(:#${body.price} AS bigint), price),
    description = COALESCE(CAST(:#${body.description} AS text), description),
    updated_at  = now()
WHERE id = :#${header.productId}
RETURNING id, name, description, price, stock
