-- Most sold products over the last :days UTC days (today and the days - 1 before it), ties by lower id.
SELECT s.product_id, p.name, p.price, s.sold_quantity
FROM (
    SELECT product_id, SUM(quantity) AS sold_quantity
    FROM product_daily_sales
    WHERE day > CAST(now() AT TIME ZONE 'UTC' AS date) - CAST(:#${header.days} AS integer)
    GROUP BY product_id
) s
JOIN product p ON p.id = s.product_id
WHERE s.sold_quantity > 0
ORDER BY s.sold_quantity DESC, s.product_id
LIMIT :#${header.limit}
