-- A new product: its initial stock is available and is the first entry of what the catalog received.
INSERT INTO product (name, description, price, stock, received)
VALUES (:#${body.name}, :#${body.description}, :#${body.price}, :#${body.stock}, :#${body.stock})
RETURNING id, name, description, price, stock
