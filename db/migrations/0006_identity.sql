-- The identity module's accounts: users, their roles, refresh-token
-- sessions, and single-use email tokens (verification and password reset).
--
-- Tokens are stored only as `hashToken(token)` (SHA-256 hex): a leaked
-- table grants no session and resets no password.

create table identity.users (
  id uuid primary key default gen_random_uuid(),
  -- Stored trimmed and lower-cased by the code that writes it.
  email text not null check (length(email) between 3 and 320),
  email_verified_at timestamptz,
  -- An argon2id PHC string; null once an account is deleted (and for any
  -- future sign-in method without a password).
  password_hash text,
  name text not null check (length(name) <= 200),
  phone text check (length(phone) <= 40),
  preferred_language text check (length(preferred_language) between 2 and 35),
  preferred_currency text check (preferred_currency ~ '^[A-Z]{3}$'),
  marketing_consent boolean not null default false,
  status text not null default 'active'
    check (status in ('active', 'deleted')),
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'deleted') = (deleted_at is not null))
);

-- One active account per address, whatever its case; a deleted account
-- frees its address for a new registration.
create unique index users_email_active on identity.users (lower(email))
  where status = 'active';

create table identity.user_roles (
  user_id uuid not null references identity.users (id) on delete cascade,
  role text not null check (role in ('customer', 'admin', 'super_admin')),
  granted_by uuid references identity.users (id) on delete set null,
  granted_at timestamptz not null default now(),
  primary key (user_id, role)
);

-- Rotating refresh tokens. Each sign-in starts a family; every rotation
-- marks the presented token `rotated_at` and issues the next one in the same
-- family. Presenting a rotated token again is reuse (a stolen token), and
-- revokes the whole family.
create table identity.refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references identity.users (id) on delete cascade,
  family_id uuid not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  rotated_at timestamptz,
  revoked_at timestamptz,
  user_agent text check (length(user_agent) <= 512)
);

create index refresh_tokens_family on identity.refresh_tokens (family_id);
create index refresh_tokens_user on identity.refresh_tokens (user_id);

-- Single-use, expiring tokens sent by email.
create table identity.email_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references identity.users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create index email_tokens_user_purpose on identity.email_tokens
  (user_id, purpose);
