export { handler } from "../cart/_middleware.ts";
