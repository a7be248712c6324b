-- Issue 12: the search's prefix tiers read these in order (packages/db queries/owners.ts, patients.ts). Numbered 0019:
-- 0018 is taken by another branch.
CREATE INDEX "owners_search_last_first_idx" ON "owners" USING btree ((lower("last_name") collate "C"),(lower("first_name") collate "C"),"id");--> statement-breakpoint
CREATE INDEX "owners_search_first_last_idx" ON "owners" USING btree ((lower("first_name") collate "C"),(lower("last_name") collate "C"),"id");--> statement-breakpoint
CREATE INDEX "owners_search_email_idx" ON "owners" USING btree ((lower("email"::text) collate "C"),"id");--> statement-breakpoint
CREATE INDEX "patients_search_name_idx" ON "patients" USING btree ((lower("name") collate "C"),"id");
