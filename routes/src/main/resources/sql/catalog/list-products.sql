SELECT id, name, description, price, stock
FROM product
ORDER BY id
LIMIT :#${header.size} OFFSET CAST(:#${header.page} AS bigint) * :#${header.size}
