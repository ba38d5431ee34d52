-- The keys access tokens are signed with. The newest unretired key signs;
-- the others still verify until retired (key rotation). Private keys live
-- here so every instance of the store signs with the same key; the edge
-- verifies with the public half (/.well-known/jwks.json).
create table identity.signing_keys (
  kid text primary key,
  private_jwk jsonb not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
