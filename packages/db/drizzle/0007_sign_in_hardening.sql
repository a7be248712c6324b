CREATE TABLE "login_rate_limits" (
	"ip" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp (3) with time zone NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "login_rate_limits_attempts_check" CHECK ("login_rate_limits"."attempts" >= 1)
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"account" text NOT NULL,
	"device_id" text DEFAULT '' NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp (3) with time zone,
	"unlogged_refusals" integer DEFAULT 0 NOT NULL,
	"refusals_logged_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_throttles_pkey" PRIMARY KEY("account","device_id"),
	CONSTRAINT "login_throttles_failures_check" CHECK ("login_throttles"."failures" >= 0 and "login_throttles"."unlogged_refusals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "public_id" text DEFAULT encode(sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())), 'hex') NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_public_id_key" UNIQUE("public_id");