-- Review moderation in the catalog, and the media module's record of
-- uploaded images.

-- A review is shown to shoppers (and counted in a product's rating) only
-- once approved. Rows already here were published before moderation
-- existed and stay approved. The default stays 'approved' because the
-- catalog seed inserts published reviews without naming a status; a review
-- a shopper writes goes through submitReview() (commerce/catalog), which
-- inserts it 'pending'.
alter table catalog.reviews
  add column status text not null default 'approved'
    check (status in ('pending', 'approved', 'rejected')),
  add column moderated_at timestamptz,
  -- An identity user id (no foreign key: another module owns that table).
  add column moderated_by uuid,
  add column moderation_note text;

-- The moderation queue: one status, oldest (or newest) first.
create index reviews_status_created on catalog.reviews (status, created_at, id);

-- The rating a product shows counts approved reviews only.
create or replace function catalog.refresh_product_rating() returns trigger
language plpgsql as $$
declare
  affected uuid;
begin
  for affected in
    select distinct product_id from (
      select new.product_id where tg_op <> 'DELETE'
      union all
      select old.product_id where tg_op <> 'INSERT'
    ) changed
  loop
    update catalog.products p
       set rating_count = s.count, rating_average = s.average
      from (select count(*)::integer as count, round(avg(rating), 2) as average
              from catalog.reviews
             where product_id = affected and status = 'approved') s
     where p.id = affected;
  end loop;
  return null;
end $$;

-- Only what the rating depends on re-runs it (not a moderation note).
drop trigger reviews_refresh_rating on catalog.reviews;
create trigger reviews_refresh_rating
  after insert or delete or update of product_id, rating, status
  on catalog.reviews
  for each row execute function catalog.refresh_product_rating();

update catalog.products p
   set rating_count = s.count, rating_average = s.average
  from (select p2.id,
               count(r.id)::integer as count,
               round(avg(r.rating), 2) as average
          from catalog.products p2
          left join catalog.reviews r
            on r.product_id = p2.id and r.status = 'approved'
         group by p2.id) s
 where p.id = s.id
   and (p.rating_count, p.rating_average) is distinct from (s.count, s.average);

-- The media module: images admins uploaded, stored in the object store
-- (local disk or an S3-compatible bucket) under a key made of the SHA-256
-- of their bytes, so one image is stored once however often it is sent.
create schema if not exists media;

create table media.objects (
  key text primary key check (key ~ '^[0-9a-f]{64}\.(jpg|png|webp|avif)$'),
  content_type text not null,
  bytes integer not null check (bytes > 0),
  width integer check (width > 0),
  height integer check (height > 0),
  -- Which store holds it ('local', 's3', 'memory').
  store text not null,
  -- An identity user id, as the audit log names them.
  uploaded_by uuid,
  created_at timestamptz not null default now()
);
create index objects_created on media.objects (created_at desc, key);
