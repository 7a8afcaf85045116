-- A new user; a taken email (ignoring case) inserts nothing and returns no row.
INSERT INTO users (name, email)
VALUES (:#${body.name}, :#${body.email})
ON CONFLICT ((lower(email))) DO NOTHING
RETURNING id, name, email, created_at
