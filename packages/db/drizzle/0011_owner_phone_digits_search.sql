-- Phone search by digits (issue 9, bug 7): "5551702370", "(555) 170-2370" and "+1 555…" find "555 170 2370".
-- Btree indexes on the phone's digits and on their reverse make "starts with" and "ends with" range scans,
-- selective and well estimated at any size (a trigram index over ten digits is not: every trigram is common).
-- Indexes on the expression rather than a generated column: nothing new in owner rows, audit rows or output.
CREATE INDEX "owners_phone_digits_idx" ON "owners" USING btree (regexp_replace("phone", '[^0-9]', '', 'g') text_pattern_ops);--> statement-breakpoint
CREATE INDEX "owners_phone_digits_reversed_idx" ON "owners" USING btree (reverse(regexp_replace("phone", '[^0-9]', '', 'g')) text_pattern_ops);