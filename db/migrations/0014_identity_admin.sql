-- Accounts as admins manage them: an account can be disabled (it keeps
-- its address, roles and orders, but cannot sign in or refresh a session
-- until an admin enables it again), and the last sign-in is remembered.

alter table identity.users
  drop constraint users_status_check,
  add constraint users_status_check
    check (status in ('active', 'disabled', 'deleted')),
  add column disabled_at timestamptz,
  add column last_sign_in_at timestamptz,
  add constraint users_disabled_check
    check ((status = 'disabled') = (disabled_at is not null));

-- A disabled account keeps its address: nobody may register it meanwhile.
-- Same name, wider predicate (only deleted accounts free an address).
drop index identity.users_email_active;
create unique index users_email_active on identity.users (lower(email))
  where status <> 'deleted';

-- The admin list: newest first, cursor pages; and its role filter.
create index users_created on identity.users (created_at desc, id desc);
create index user_roles_role on identity.user_roles (role, user_id);
