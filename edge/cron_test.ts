import assert from "node:assert/strict";
import { scheduleJob } from "./cron.ts";
import { scheduleReservationExpiry } from "./reservations.ts";

const silent = { error() {} };

Deno.test("`scheduleJob()` registers nothing under APP_ENV=test", () => {
  let ran = false;
  const registered = scheduleJob({
    config: { APP_ENV: "test" },
    logger: silent,
  }, {
    name: "never",
    schedule: "* * * * *",
    run: () => Promise.resolve(ran = true),
    failure: "never failed",
  });
  assert.equal(registered, false);
  assert.equal(ran, false);
});

Deno.test("`scheduleReservationExpiry()` registers nothing under APP_ENV=test", () => {
  assert.equal(
    scheduleReservationExpiry({
      config: { APP_ENV: "test", RESERVATIONS_SCHEDULE: "* * * * *" },
      logger: silent as never,
      db: {} as never,
    }),
    false,
  );
});
