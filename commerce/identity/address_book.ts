/**
 * The address book of an account: its shipping and billing addresses, each
 * validated against its country's rules before it is stored, and at most
 * one default of each type.
 *
 * Every function takes the owner's id along with an address id and acts
 * only on that owner's rows: someone else's address id is simply not found,
 * so ids never tell whether they exist.
 *
 * @module
 */
import type postgres from "postgres";
import type { Sql } from "../../db/client.ts";
import { Conflict, Invalid, NotFound } from "../../edge/errors.ts";
import type { Translate } from "../../edge/i18n.ts";
import {
  type Address,
  type AddressError,
  type AddressErrorCode,
  addressErrorMessage,
  type AddressType,
  validateAddress,
} from "./addresses/mod.ts";
import { isUuid } from "./_util.ts";

/** How many addresses one account may keep. */
export const MAX_ADDRESSES = 50;

/**
 * A stored address. Optional fields the shopper left blank are `null`;
 * text is as `validateAddress` normalized it.
 */
export interface AddressRecord {
  id: string;
  type: AddressType;
  isDefault: boolean;
  name: string;
  company: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One problem of an {@link InvalidAddress}, as the client receives it. */
export interface AddressProblem {
  field: string;
  code: AddressErrorCode;
  /** In the shopper's language, naming the field as its country does. */
  message: string;
  /** The values the message interpolates (`example`, `max`, `country`). */
  params?: Record<string, string>;
}

/**
 * An address that fails validation: 400 `invalid_address`, every problem
 * in `details` as a field, a code and a message in the shopper's language
 * (and in `errors`, untranslated, for code that wants to decide itself).
 */
export class InvalidAddress extends Invalid {
  /** Every problem, in form order, as `validateAddress` found them. */
  readonly errors: readonly AddressError[];

  constructor(errors: readonly AddressError[], t: Translate) {
    const details: AddressProblem[] = errors.map((error) => ({
      field: error.field,
      code: error.code,
      message: addressErrorMessage(t, error),
      ...(error.params ? { params: error.params } : {}),
    }));
    super("The address is not valid", { code: "invalid_address", details });
    this.errors = errors;
  }
}

/**
 * An account that already keeps {@link MAX_ADDRESSES} addresses: 409
 * `address_book_full`. The shopper should delete one first.
 */
export class AddressBookFull extends Conflict {
  override readonly code: string = "address_book_full";

  constructor() {
    super(`An account can keep at most ${MAX_ADDRESSES} addresses`, {
      details: { max: MAX_ADDRESSES },
    });
  }
}

const COLUMNS = (sql: Sql | postgres.TransactionSql) =>
  sql`
    id, type, is_default as "isDefault", name, company, line1, line2, city,
    region, postal_code as "postalCode", country, phone,
    created_at as "createdAt", updated_at as "updatedAt"`;

/**
 * The addresses of an active account: shipping before billing, the default
 * of each first, then oldest first. Throws `NotFound` for an unknown or
 * deleted account.
 */
export async function listAddresses(
  sql: Sql,
  userId: string,
): Promise<AddressRecord[]> {
  return await addressesOf(sql, userId);
}

/** Internal: {@link listAddresses} on any connection or transaction. */
export async function addressesOf(
  sql: Sql | postgres.TransactionSql,
  userId: string,
): Promise<AddressRecord[]> {
  if (!isUuid(userId)) throw new NotFound("No such account");
  const [user] = await sql`
    select 1 from identity.users where id = ${userId} and status = 'active'`;
  if (user === undefined) throw new NotFound("No such account");
  const rows = await sql<AddressRecord[]>`
    select ${COLUMNS(sql)}
    from identity.addresses
    where user_id = ${userId}
    order by type = 'shipping' desc, is_default desc, created_at, id`;
  return [...rows];
}

/** What {@link addAddress} needs. */
export interface AddAddressOptions {
  userId: string;
  /** The address as the request sent it; checked by `validateAddress`. */
  input: unknown;
  /** The shopper's translator, for the messages of {@link InvalidAddress}. */
  t: Translate;
}

/**
 * Adds an address to an active account's book. The input must pass
 * `validateAddress` (`InvalidAddress` otherwise, with every problem); when
 * it is the default (`isDefault: true`), the previous default of its type
 * stops being one in the same transaction. Throws `NotFound` for an
 * unknown or deleted account and `AddressBookFull` past
 * {@link MAX_ADDRESSES}.
 */
export async function addAddress(
  sql: Sql,
  options: AddAddressOptions,
): Promise<AddressRecord> {
  const { userId, t } = options;
  if (!isUuid(userId)) throw new NotFound("No such account");
  const address = requireValid(options.input, t);
  return await sql.begin(async (tx) => {
    await lockOwner(tx, userId, "No such account");
    const [{ count }] = await tx<{ count: number }[]>`
      select count(*)::int as count from identity.addresses
      where user_id = ${userId}`;
    if (count >= MAX_ADDRESSES) throw new AddressBookFull();
    if (address.isDefault) await clearDefault(tx, userId, address.type);
    const [row] = await tx<AddressRecord[]>`
      insert into identity.addresses ${tx(toColumns(userId, address))}
      returning ${COLUMNS(tx)}`;
    return row;
  });
}

/** What {@link updateAddress} needs. */
export interface UpdateAddressOptions {
  userId: string;
  addressId: string;
  /**
   * The fields to change, as the request sent them: merged over the stored
   * address (`null` clears an optional field) and the result validated as a
   * whole, so a new country is checked with the postal code it comes with.
   */
  patch: Record<string, unknown>;
  /** The shopper's translator, for the messages of {@link InvalidAddress}. */
  t: Translate;
}

/**
 * Changes an address of an active account. The merged address must pass
 * `validateAddress` (`InvalidAddress`); making it the default (or moving a
 * default to the other type) takes the default from the previous one of
 * that type in the same transaction. An address that does not exist, or
 * belongs to another account, throws `NotFound`: never `Forbidden`, so an
 * id tells nothing about anyone else's book.
 */
export async function updateAddress(
  sql: Sql,
  options: UpdateAddressOptions,
): Promise<AddressRecord> {
  const { userId, addressId, patch, t } = options;
  if (!isUuid(userId) || !isUuid(addressId)) {
    throw new NotFound("No such address");
  }
  return await sql.begin(async (tx) => {
    await lockOwner(tx, userId, "No such address");
    const [stored] = await tx<AddressRecord[]>`
      select ${COLUMNS(tx)} from identity.addresses
      where id = ${addressId} and user_id = ${userId}
      for update`;
    if (stored === undefined) throw new NotFound("No such address");
    const { id: _id, createdAt: _c, updatedAt: _u, ...current } = stored;
    const address = requireValid({ ...current, ...patch }, t);
    if (address.isDefault) {
      await clearDefault(tx, userId, address.type, addressId);
    }
    const columns = toColumns(userId, address);
    const [row] = await tx<AddressRecord[]>`
      update identity.addresses
      set ${tx(columns)}, updated_at = now()
      where id = ${addressId}
      returning ${COLUMNS(tx)}`;
    return row;
  });
}

/** What {@link deleteAddress} needs. */
export interface DeleteAddressOptions {
  userId: string;
  addressId: string;
}

/**
 * Deletes an address of an active account. A deleted default leaves its
 * type without one (the shopper picks the next). An address that does not
 * exist, or belongs to another account, throws `NotFound`.
 */
export async function deleteAddress(
  sql: Sql,
  options: DeleteAddressOptions,
): Promise<void> {
  const { userId, addressId } = options;
  if (!isUuid(userId) || !isUuid(addressId)) {
    throw new NotFound("No such address");
  }
  const deleted = await sql`
    delete from identity.addresses a
    using identity.users u
    where a.id = ${addressId} and a.user_id = ${userId}
      and u.id = a.user_id and u.status = 'active'
    returning a.id`;
  if (deleted.length === 0) throw new NotFound("No such address");
}

function requireValid(input: unknown, t: Translate): Address {
  const result = validateAddress(input);
  if (!result.ok) throw new InvalidAddress(result.errors, t);
  return result.address;
}

/**
 * Lock the owner's row for this transaction: address writes of one account
 * take turns, so two requests making a default at once cannot both pass
 * the clear-then-set (and the count stays true). `no key update` leaves
 * inserts referring to the account (sessions, orders) unblocked.
 */
async function lockOwner(
  tx: postgres.TransactionSql,
  userId: string,
  notFound: string,
): Promise<void> {
  const [user] = await tx`
    select 1 from identity.users
    where id = ${userId} and status = 'active'
    for no key update`;
  if (user === undefined) throw new NotFound(notFound);
}

async function clearDefault(
  tx: postgres.TransactionSql,
  userId: string,
  type: AddressType,
  exceptId?: string,
): Promise<void> {
  await tx`
    update identity.addresses set is_default = false, updated_at = now()
    where user_id = ${userId} and type = ${type} and is_default
      and ${exceptId === undefined ? tx`true` : tx`id <> ${exceptId}`}`;
}

function toColumns(
  userId: string,
  address: Address,
): Record<string, string | boolean | null> {
  return {
    user_id: userId,
    type: address.type,
    is_default: address.isDefault,
    name: address.name,
    company: address.company ?? null,
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region ?? null,
    postal_code: address.postalCode ?? null,
    country: address.country,
    phone: address.phone ?? null,
  };
}
