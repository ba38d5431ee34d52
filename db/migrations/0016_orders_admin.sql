-- The back office's order list: every order newest first, often narrowed
-- to a status, and searched by the beginning of a number or an email.

-- Newest first, unfiltered, and the cursor's (placed_at, id) comparison.
create index orders_placed on orders.orders (placed_at desc, id desc);

-- One status (or a few) newest first: "what is there to pack today".
create index orders_status_placed
  on orders.orders (status, placed_at desc, id desc);

-- Prefix searches (`like 'GS-1000%'`, `lower(email) like 'ada@%'`) use
-- the pattern operator class whatever the database's collation is.
create index orders_number_pattern on orders.orders (number text_pattern_ops);
create index orders_email_pattern
  on orders.orders (lower(email) text_pattern_ops);
