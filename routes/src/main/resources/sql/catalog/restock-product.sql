-- Restock: adds to the available stock (and to what the catalog received, so the books balance), unless that
-- would raise the available stock above the catalog's bound. No row: unknown product or over the bound.
UPDATE product
SET stock      = stock + :#${body.quantity},
    received   = received + :#${body.quantity},
    updated_at = now()
WHERE id = :#${header.productId}
  AND stock + :#${body.quantity} <= :#${header.maxStock}
RETURNING id, name, description, price, stock
