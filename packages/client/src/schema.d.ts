// Generated from Switchboard's /openapi.json by `npm run client:generate` (scripts/client-types.ts).
// Do not edit: test/client/drift.test.ts fails when this file and the served document differ.
export interface paths {
    "/admin/consent/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Handle Microsoft admin consent callback
         * @description Microsoft redirects here with `code` and `state` (OpenID Connect authorization-code flow) or `error`. Consent is recorded only when the code redeems to an ID token for the connection's Entra tenant signed in by a tenant administrator; `admin_consent` and `tenant` are accepted and ignored.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Ignored: it proves nothing (the redeemed code does) */
                    admin_consent?: boolean | ("True" | "False");
                    /** @description The authorization code Microsoft sends back: the only proof of consent */
                    code?: string;
                    /** @description Microsoft's error code when consent was refused or failed */
                    error?: string;
                    /** @description Microsoft's error text (scanned for a known AADSTS number only; never shown or stored) */
                    error_description?: string;
                    /** @description The scopes Microsoft granted (ignored) */
                    scope?: string;
                    /** @description Microsoft's session state (ignored) */
                    session_state?: string;
                    /** @description The signed, single-use state the consent link carried */
                    state?: string;
                    /** @description The Entra tenant Microsoft names (accepted, never trusted) */
                    tenant?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Consent callback rendered and connection updated (HTML; a 302 to the configured return URL instead when one is set) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": Record<string, never>;
                    };
                };
                /** @description A query parameter does not validate (JSON error envelope) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": Record<string, never>;
                    };
                };
                /** @description Invalid callback state (HTML) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": Record<string, never>;
                    };
                };
                /** @description Tenant or workspace context unavailable (HTML) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/provider-connections/{connection}/admin-consent-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate canonical admin consent link
         * @description The Microsoft admin-consent URL for the connection's Entra tenant and app (the platform app, or the dedicated one), carrying a signed, single-use state that expires at `expires_at`. Needs `providers.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (integer id) */
                    connection: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Consent link generated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            client_id: string;
                            connection_type: "platform" | "dedicated";
                            /** Format: date-time */
                            expires_at: string;
                            /** Format: uri */
                            url: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks the required capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not accessible in tenant scope */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/provider-connections/{connection}/connection-type": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the connection type explicitly
         * @description Needs providers.manage_dedicated and `X-Confirm: <connection id>`. Resets consent and verification; switching to platform deletes the dedicated credential. 409 `provider_connection.entra_tenant_bound` when another workspace holds the Entra tenant for the platform app.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the connection id (or "dedicated" when creating one) */
                    "x-confirm"?: string;
                };
                path: {
                    /** @description The provider connection (integer id) */
                    connection: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "connection_type": "dedicated"
                     *     }
                     */
                    "application/json": {
                        connection_type: "platform" | "dedicated";
                    };
                };
            };
            responses: {
                /** @description Connection type changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection_type: "platform" | "dedicated";
                            consent_status: "unknown" | "required" | "granted" | "failed" | "revoked";
                            credential_kind?: "client_secret" | "certificate";
                            credential_source?: string;
                            display_name: string;
                            effective_app_id?: string;
                            entra_tenant_id: string;
                            health_status: string;
                            id: number;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            migration_review_required: boolean;
                            provider: string;
                            status: string;
                            tenant_id: number;
                            /**
                             * Format: uuid
                             * @description The same connection on the provider-foundation surface.
                             */
                            uuid: string;
                            verification_status: "unknown" | "pending" | "healthy" | "degraded" | "blocked" | "error";
                        };
                    };
                };
                /** @description The `X-Confirm` confirmation is missing or names another connection (`access.confirmation_required`), or the request does not validate */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks dedicated-management capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Another workspace holds the Entra tenant for the platform app */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/provider-connections/{connection}/dedicated-credential": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or rotate dedicated credential
         * @description Creates or rotates the credential of a dedicated connection (client secret, or certificate: private key + certificate). Never returned.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (integer id) */
                    connection: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "credential_kind": "client_secret",
                     *       "source": "dedicated_manual",
                     *       "client_id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
                     *       "client_secret": "<client secret>"
                     *     }
                     */
                    "application/json": {
                        client_id: string;
                        /** @description write-only: never returned */
                        client_secret: string;
                        credential_kind: "client_secret";
                        source?: "dedicated_manual" | "dedicated_imported" | "legacy_migrated";
                    } | {
                        certificate_pem: string;
                        client_id: string;
                        credential_kind: "certificate";
                        /** @description write-only: never returned */
                        private_key_pem: string;
                        source?: "dedicated_manual" | "dedicated_imported" | "legacy_migrated";
                    };
                };
            };
            responses: {
                /** @description Dedicated credential stored or rotated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection_type: "platform" | "dedicated";
                            consent_status: "unknown" | "required" | "granted" | "failed" | "revoked";
                            credential_kind?: "client_secret" | "certificate";
                            credential_source?: string;
                            display_name: string;
                            effective_app_id?: string;
                            entra_tenant_id: string;
                            health_status: string;
                            id: number;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            migration_review_required: boolean;
                            provider: string;
                            status: string;
                            tenant_id: number;
                            /**
                             * Format: uuid
                             * @description The same connection on the provider-foundation surface.
                             */
                            uuid: string;
                            verification_status: "unknown" | "pending" | "healthy" | "degraded" | "blocked" | "error";
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks dedicated-management capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The connection uses the platform app: change its type to dedicated first */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete dedicated credential
         * @description Destructive: needs providers.manage_dedicated and `X-Confirm: <connection id>`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the connection id (or "dedicated" when creating one) */
                    "x-confirm"?: string;
                };
                path: {
                    /** @description The provider connection (integer id) */
                    connection: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Dedicated credential deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The `X-Confirm` confirmation is missing or names another connection (`access.confirmation_required`), or the request does not validate */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks dedicated-management capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/provider-connections/{connection}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start provider connection verification
         * @description Starts a verification run (token acquisition and one Graph call with the connection’s credential). `status` says whether it started, was deduped onto the active one, found the scope busy, or was blocked (no consent, no usable credential). Needs `providers.run`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (integer id) */
                    connection: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Verification run queued or deduped */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            operation_run_id: number;
                            status: "started" | "deduped" | "scope_busy" | "blocked";
                            view_url: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks the provider run capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/tenants/{tenant}/provider-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a provider connection for a tenant
         * @description Platform by default. `connection_type: dedicated` needs providers.manage_dedicated and `X-Confirm: dedicated`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the connection id (or "dedicated" when creating one) */
                    "x-confirm"?: string;
                };
                path: {
                    /** @description the tenant slug, or its numeric id */
                    tenant: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        connection_type?: "platform" | "dedicated";
                        dedicated_credential?: ({
                            client_id: string;
                            /** @description write-only: never returned */
                            client_secret: string;
                            credential_kind: "client_secret";
                            source?: "dedicated_manual" | "dedicated_imported" | "legacy_migrated";
                        } | {
                            certificate_pem: string;
                            client_id: string;
                            credential_kind: "certificate";
                            /** @description write-only: never returned */
                            private_key_pem: string;
                            source?: "dedicated_manual" | "dedicated_imported" | "legacy_migrated";
                        }) | null;
                        display_name: string;
                        entra_tenant_id: string;
                        /** @default true */
                        is_default?: boolean;
                        provider: "microsoft";
                    };
                };
            };
            responses: {
                /** @description Provider connection created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection_type: "platform" | "dedicated";
                            consent_status: "unknown" | "required" | "granted" | "failed" | "revoked";
                            credential_kind?: "client_secret" | "certificate";
                            credential_source?: string;
                            display_name: string;
                            effective_app_id?: string;
                            entra_tenant_id: string;
                            health_status: string;
                            id: number;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            migration_review_required: boolean;
                            provider: string;
                            status: string;
                            tenant_id: number;
                            /**
                             * Format: uuid
                             * @description The same connection on the provider-foundation surface.
                             */
                            uuid: string;
                            verification_status: "unknown" | "pending" | "healthy" | "degraded" | "blocked" | "error";
                        };
                    };
                };
                /** @description A dedicated connection without `X-Confirm: dedicated`, or the request does not validate */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Member lacks the required capability */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Workspace or tenant scope not accessible */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Duplicate connection */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member
         * @description Removes the member; its tokens stop working. Needs `members.manage`; only an owner removes an owner.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The member (UUID) */
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The last active owner would leave (`member.last_owner`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a member
         * @description Changes the role or status. Disabling a member stops it and every token it holds or made at once. Needs `members.manage`; only an owner changes an owner or makes one.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The member (UUID) */
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role?: "owner" | "admin" | "operator" | "viewer";
                        /** @description disabled: the member and every token it holds or made stop working at once */
                        status?: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description The member as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            disabled_at: string | null;
                            email: string;
                            /** Format: uuid */
                            id: string;
                            role: string;
                            /** @description where the member came from: added by hand, provisioned over SCIM, or from an OIDC sign-in */
                            source: "manual" | "scim" | "oidc";
                            status: "active" | "disabled";
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The last active owner would leave (`member.last_owner`), or the role comes from the member's SCIM groups */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/operation-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an operation run
         * @description Type, status, outcome, reason code, summary counts, progress, next steps and timestamps of a run in the caller's workspace.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The operation run (integer id) */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempt: number;
                            completed_at: string | null;
                            created_at: string;
                            failure_summary: string | null;
                            id: number;
                            initiator: {
                                id: string | null;
                                type: string;
                            };
                            next_steps: string[];
                            outcome: "pending" | "succeeded" | "partially_succeeded" | "failed" | "cancelled" | "blocked";
                            progress: {
                                done?: number;
                                message?: string;
                                throttle?: {
                                    burst: number;
                                    pace_per_second: number;
                                    throttled: number;
                                    throttled_until: string | null;
                                    waited_ms: number;
                                    waits: number;
                                };
                                total?: number;
                            };
                            reason_code: string | null;
                            result: unknown;
                            retry_of: number | null;
                            started_at: string | null;
                            status: "queued" | "running" | "completed";
                            summary: {
                                [key: string]: unknown;
                            };
                            target: {
                                id: string | null;
                                type: string;
                            } | null;
                            tenant_id: number | null;
                            type: string;
                            updated_at: string;
                            view_url: string;
                            /** Format: uuid */
                            workspace_id: string;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/operation-runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow an operation run (server-sent events)
         * @description Server-sent events: a `run` event with the run whenever it changes; an `end` event closes the stream, its `reason` saying why: `completed`, or `token_revoked`, `token_expired`, `member_disabled` when the credential that opened it stops working.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The operation run (integer id) */
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An event stream (`text/event-stream`) of the run until it ends */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token
         * @description The token stops working at once, on every node. Needs `tokens.manage`; only an owner revokes an owner's tokens.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The API token (UUID) */
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeliver
         * @description Queues the delivery again, due now, with a fresh retry window: the same event with the same `webhook-id`, so a receiver that already has it drops it. Needs `webhooks.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The delivery (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery, queued again */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** Format: date-time */
                            created_at: string;
                            delivered_at: string | null;
                            /** @description A stable code for the last failure (`http_500`, `timeout`, `network`, `private_address_refused`, …) */
                            error: string | null;
                            /** @description The event, and the `webhook-id` header of every attempt (the idempotency key) */
                            event_id: string;
                            event_type: string;
                            /** Format: uuid */
                            id: string;
                            /** @description How long the last attempt took */
                            latency_ms: number | null;
                            next_attempt_at: string | null;
                            /** @description The HTTP status of the last attempt */
                            response_code: number | null;
                            /** @description The event's number in its scope */
                            sequence: number;
                            status: "pending" | "succeeded" | "failed" | "dead";
                            /** Format: date-time */
                            updated_at: string;
                            /** Format: uuid */
                            webhook_id: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An attempt is in flight (`webhook.delivery_in_flight`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a webhook
         * @description Needs `webhooks.manage`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The webhook (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The webhook (no secret) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            /** Format: uuid */
                            id: string;
                            /** @description Set when every attempt failed for the pause threshold (3 days by default): nothing is delivered until `enabled: true` is PATCHed */
                            paused_at: string | null;
                            /** @description Until when the previous secret also signs (after a rotation) */
                            previous_secret_expires_at: string | null;
                            /** Format: date-time */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a webhook
         * @description Deletes the webhook, its secrets and its deliveries. Needs `webhooks.manage`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The webhook (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a webhook
         * @description Changes the fields given. A disabled webhook gets no new deliveries; its open ones wait until it is enabled again. `enabled: true` also resumes a webhook paused after failing for 3 days (`paused_at`). Needs `webhooks.manage`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The webhook (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @description false: no new deliveries are made and pending ones wait; true also resumes a paused webhook */
                        enabled?: boolean;
                        /** @description The event types this webhook receives */
                        events?: ("operation_run.started" | "operation_run.completed" | "provider_connection.health_changed" | "provider_connection.consent_changed" | "integration.verification_failed" | "integration.credentials_rotated" | "scim.user.provisioned" | "scim.user.deprovisioned" | "scim.user.deleted" | "scim.group.changed" | "audit.chain_problem" | "webhook.paused")[];
                        /**
                         * Format: uri
                         * @description Where deliveries are POSTed (http or https)
                         */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description The webhook as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            description: string | null;
                            enabled: boolean;
                            events: string[];
                            /** Format: uuid */
                            id: string;
                            /** @description Set when every attempt failed for the pause threshold (3 days by default): nothing is delivered until `enabled: true` is PATCHed */
                            paused_at: string | null;
                            /** @description Until when the previous secret also signs (after a rotation) */
                            previous_secret_expires_at: string | null;
                            /** Format: date-time */
                            updated_at: string;
                            url: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries
         * @description Newest first: status (`pending`, `succeeded`, `failed` — retried later —, `dead`), attempts, the last response code, error code and latency. Needs `webhooks.manage`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The webhook (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** Format: date-time */
                                created_at: string;
                                delivered_at: string | null;
                                /** @description A stable code for the last failure (`http_500`, `timeout`, `network`, `private_address_refused`, …) */
                                error: string | null;
                                /** @description The event, and the `webhook-id` header of every attempt (the idempotency key) */
                                event_id: string;
                                event_type: string;
                                /** Format: uuid */
                                id: string;
                                /** @description How long the last attempt took */
                                latency_ms: number | null;
                                next_attempt_at: string | null;
                                /** @description The HTTP status of the last attempt */
                                response_code: number | null;
                                /** @description The event's number in its scope */
                                sequence: number;
                                status: "pending" | "succeeded" | "failed" | "dead";
                                /** Format: date-time */
                                updated_at: string;
                                /** Format: uuid */
                                webhook_id: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook's secret
         * @description Makes a new signing secret (in this response only). The previous one keeps signing for the grace period (`SWITCHBOARD_WEBHOOK_SECRET_GRACE_SECONDS`, a day by default): meanwhile every delivery carries both signatures, so receivers switch secrets without dropping one. Needs `webhooks.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The webhook (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new secret, shown once, and until when the previous one signs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @description Until when the previous secret keeps signing too */
                            previous_secret_expires_at: string | null;
                            /** @description The new signing secret: shown only here */
                            secret: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workspaces
         * @description The vendor sees every workspace; a member or application token sees its own.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspaces the caller can see */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a workspace
         * @description Creates a workspace, the isolation boundary of one customer. Vendor token only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Acme Corp"
                     *     }
                     */
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description The workspace */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description The workspace's audit events, newest first, filtered and paged. No secret value is ever in an event. Needs `audit.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only events of this action (e.g. `integration.credentials_read`) */
                    action?: string;
                    /** @description Only events by this actor: `<type>:<id>` or the actor id */
                    actor?: string;
                    /** @description The cursor of the previous page (its `next_cursor`) */
                    cursor?: string;
                    /** @description Page size */
                    limit?: number;
                    /** @description Only events at or after this time (RFC 3339) */
                    since?: string;
                    /** @description Only events about this target: `<type>:<id>` or the target id */
                    target?: string;
                    /** @description Only events before this time (RFC 3339) */
                    until?: string;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                id: number;
                                metadata: {
                                    [key: string]: unknown;
                                };
                                occurred_at: string;
                                outcome: string;
                                request_id: string | null;
                                seq: number;
                                target: {
                                    id: string | null;
                                    type: string;
                                } | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit chain
         * @description Recomputes the workspace's hash chain and reports every event that was changed, removed or reordered. Needs `audit.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Whether the chain is intact, and its problems */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: number;
                            ok: boolean;
                            problems: {
                                problem: string;
                                seq: number | null;
                            }[];
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description The workspace's members with their role, status and origin. Needs `members.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspace's members */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                disabled_at: string | null;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                role: string;
                                /** @description where the member came from: added by hand, provisioned over SCIM, or from an OIDC sign-in */
                                source: "manual" | "scim" | "oidc";
                                status: "active" | "disabled";
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a member
         * @description Adds a member with a role (owner, admin, operator, viewer) to the workspace. Needs `members.manage`; only an owner makes owners.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "email": "ops@acme.example",
                     *       "role": "operator"
                     *     }
                     */
                    "application/json": {
                        /** Format: email */
                        email: string;
                        role: "owner" | "admin" | "operator" | "viewer";
                    };
                };
            };
            responses: {
                /** @description The member */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            disabled_at: string | null;
                            email: string;
                            /** Format: uuid */
                            id: string;
                            role: string;
                            /** @description where the member came from: added by hand, provisioned over SCIM, or from an OIDC sign-in */
                            source: "manual" | "scim" | "oidc";
                            status: "active" | "disabled";
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description A member with this email already exists in the workspace */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read workspace settings
         * @description The workspace's settings (whether SCIM group mappings may make owners). Needs `members.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether a SCIM group mapping may make owners in this workspace (set by an owner) */
                            scim_owner_mapping_allowed: boolean;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change workspace settings
         * @description Changes the fields given, leaving the others. Needs `members.manage`; only an owner lets SCIM group mappings make owners.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "scim_owner_mapping_allowed": false
                     *     }
                     */
                    "application/json": {
                        scim_owner_mapping_allowed?: boolean;
                    };
                };
            };
            responses: {
                /** @description The settings as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description whether a SCIM group mapping may make owners in this workspace (set by an owner) */
                            scim_owner_mapping_allowed: boolean;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description The workspace's tenants. Needs `tenants.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspace's tenants */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                name: string;
                                slug: string;
                                /** Format: uuid */
                                workspace_id: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a tenant
         * @description Adds a managed customer tenant to the workspace; its slug is derived from the name unless given. Needs `tenants.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description The tenant */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            name: string;
                            slug: string;
                            /** Format: uuid */
                            workspace_id: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description A tenant with this slug already exists in the workspace */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API tokens
         * @description The workspace's tokens: name, kind, capabilities, narrowing, lineage and a recognisable prefix — never a token. Needs `tokens.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspace's tokens (no secret) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                capabilities: string[];
                                /** Format: date-time */
                                created_at: string;
                                expires_at: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                last_used_at: string | null;
                                maker: {
                                    actor: string | null;
                                    /** @description the member on whose authority it was made */
                                    member_id: string | null;
                                    /** @description the token this one was minted with */
                                    token_id: string | null;
                                };
                                member_id: string | null;
                                name: string;
                                /** @description the first characters of the token, to recognise it; never the token */
                                prefix: string;
                                projects: string[] | null;
                                providers: string[] | null;
                                revoked_at: string | null;
                                status: "active" | "expired" | "revoked";
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API token
         * @description A member token (for `member_id`, your own) or an application token with capabilities, optionally narrowed to providers and projects. Never more than its maker holds; the token is shown only in this response. Needs `tokens.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        capabilities?: string[];
                        /** Format: date-time */
                        expires_at?: string;
                        /** Format: uuid */
                        member_id?: string;
                        name: string;
                        projects?: string[];
                        providers?: string[];
                    };
                };
            };
            responses: {
                /** @description The token, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capabilities: string[];
                            created_at: string;
                            /** @description never later than the maker's; inherited when the request gave none */
                            expires_at: string | null;
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            name: string;
                            projects: string[] | null;
                            /** @description narrowing; inherited from the maker's when the request gave none */
                            providers: string[] | null;
                            /** @description shown only in this response */
                            token: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The member is disabled (`member.disabled`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{workspaceId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks
         * @description The workspace's webhooks, never their secrets. Needs `webhooks.manage`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The next_cursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description Items per page (default 50, at most 200) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One page of webhooks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                created_at: string;
                                description: string | null;
                                enabled: boolean;
                                events: string[];
                                /** Format: uuid */
                                id: string;
                                /** @description Set when every attempt failed for the pause threshold (3 days by default): nothing is delivered until `enabled: true` is PATCHed */
                                paused_at: string | null;
                                /** @description Until when the previous secret also signs (after a rotation) */
                                previous_secret_expires_at: string | null;
                                /** Format: date-time */
                                updated_at: string;
                                url: string;
                            }[];
                            /** @description Pass as ?cursor= for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a webhook
         * @description Subscribes a URL to event types (docs/events.md). Deliveries follow the Standard Webhooks specification: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, body `{type, timestamp, data}`. The signing secret is in this response only. The URL goes through the outbound policy of integrations at every attempt (no private networks unless the operator allows them, no redirects followed). Needs `webhooks.manage` (owner, admin).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "url": "https://hooks.example.com/switchboard",
                     *       "events": [
                     *         "operation_run.completed",
                     *         "provider_connection.health_changed"
                     *       ],
                     *       "description": "PagerDuty bridge"
                     *     }
                     */
                    "application/json": {
                        description?: string;
                        /** @description The event types this webhook receives */
                        events: ("operation_run.started" | "operation_run.completed" | "provider_connection.health_changed" | "provider_connection.consent_changed" | "integration.verification_failed" | "integration.credentials_rotated" | "scim.user.provisioned" | "scim.user.deprovisioned" | "scim.user.deleted" | "scim.group.changed" | "audit.chain_problem" | "webhook.paused")[];
                        /**
                         * Format: uri
                         * @description Where deliveries are POSTed (http or https)
                         */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description The webhook and its secret, shown once */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            events: string[];
                            /** Format: uuid */
                            id: string;
                            /** @description The signing secret (`whsec_` + base64 of 32 random bytes): shown only here */
                            secret: string;
                            url: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the console may sign in (public)
         * @description Public: the OpenID Connect issuer, client and endpoints the console signs in with, or `oidc: null` when only API tokens are accepted.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description How to sign in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            oidc: {
                                authorizationEndpoint: string | null;
                                clientId: string | null;
                                error?: string;
                                issuer: string;
                                scopes: string;
                                tokenEndpoint: string | null;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/integration-shapes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credential and config fields per integration provider and auth type
         * @description Per integrations provider and auth type: the credential and config fields the create form asks for, and which of them are secret.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The catalog of shapes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providers: {
                                authTypes: {
                                    authType: string;
                                    config: {
                                        description?: string;
                                        input: "text" | "password" | "textarea" | "url" | "select";
                                        label: string;
                                        maxLength?: number;
                                        name: string;
                                        options?: string[];
                                        pattern?: string;
                                        required: boolean;
                                        secret: boolean;
                                    }[];
                                    credentials: {
                                        description?: string;
                                        input: "text" | "password" | "textarea" | "url" | "select";
                                        label: string;
                                        maxLength?: number;
                                        name: string;
                                        options?: string[];
                                        pattern?: string;
                                        required: boolean;
                                        secret: boolean;
                                    }[];
                                }[];
                                category: string;
                                displayName: string;
                                provider: string;
                            }[];
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/scim-configurations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A workspace's SCIM configurations (the contract's list of all configurations is vendor only)
         * @description The workspace's SCIM configurations (the contract's list of all is vendor only). `workspace_id` defaults to the caller's workspace; the vendor must name one. Needs `scim.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The workspace to list; a member's or application token's own when omitted. Required for the vendor */
                    workspace_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The workspace's SCIM configurations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The SCIM 2.0 base URL to give the identity provider */
                            baseUrl: string;
                            connectionName: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lastSync: string | null;
                            source: string;
                            syncToUserManagement: boolean;
                            tenantId: string;
                            unknownAttributePolicy: "ignore" | "reject";
                        }[];
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/scim-configurations/{id}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The groups a SCIM configuration provisioned (newest first)
         * @description The groups the configuration provisioned, newest first, with the total. Needs `scim.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description At most this many (newest first) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The provisioned groups and their total */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                displayName: string;
                                externalId: string | null;
                                id: string;
                                members: number;
                                updatedAt: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/scim-configurations/{id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The users a SCIM configuration provisioned (newest first)
         * @description The users the configuration provisioned, newest first, with the total. Needs `scim.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description At most this many (newest first) */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The provisioned users and their total */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                displayName: string | null;
                                externalId: string | null;
                                id: string;
                                member: boolean;
                                updatedAt: string;
                                userName: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the bearer token belongs to
         * @description The principal the bearer token names: its kind, workspace, role and capabilities.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actor: string;
                            capabilities: string[];
                            kind: string;
                            role: string | null;
                            workspace_id: string | null;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/tenants/{tenantId}/provider-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's provider connections as the /admin surface shows them (consent and verification state included)
         * @description The tenant's connections in the /admin shape (integer id, connection type, consent and verification status). Needs `providers.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant (integer id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tenant's connections */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            connection_type: "platform" | "dedicated";
                            consent_status: "unknown" | "required" | "granted" | "failed" | "revoked";
                            credential_kind?: "client_secret" | "certificate";
                            credential_source?: string;
                            display_name: string;
                            effective_app_id?: string;
                            entra_tenant_id: string;
                            health_status: string;
                            id: number;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            migration_review_required: boolean;
                            provider: string;
                            status: string;
                            tenant_id: number;
                            /**
                             * Format: uuid
                             * @description The same connection on the provider-foundation surface.
                             */
                            uuid: string;
                            verification_status: "unknown" | "pending" | "healthy" | "degraded" | "blocked" | "error";
                        }[];
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/api/workspaces/{workspaceId}/operation-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Run history of a workspace, a tenant or one target (newest first)
         * @description The operation runs of the workspace, optionally narrowed to a tenant, a target or a type. Needs `runs.view`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description At most this many (newest first) */
                    limit?: number;
                    /** @description Only runs on this target (with `target_type`) */
                    target_id?: string;
                    /** @description Only runs on targets of this type (e.g. `provider_connection`, `integration`) */
                    target_type?: string;
                    /** @description Only runs of this tenant */
                    tenant_id?: number;
                    /** @description Only runs of this type (e.g. `microsoft.health_check`) */
                    type?: string;
                };
                header?: never;
                path: {
                    /** @description The workspace (UUID) */
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The runs, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempt: number;
                                completed_at: string | null;
                                created_at: string;
                                failure_summary: string | null;
                                id: number;
                                initiator: {
                                    id: string | null;
                                    type: string;
                                };
                                next_steps: string[];
                                outcome: "pending" | "succeeded" | "partially_succeeded" | "failed" | "cancelled" | "blocked";
                                progress: {
                                    done?: number;
                                    message?: string;
                                    throttle?: {
                                        burst: number;
                                        pace_per_second: number;
                                        throttled: number;
                                        throttled_until: string | null;
                                        waited_ms: number;
                                        waits: number;
                                    };
                                    total?: number;
                                };
                                reason_code: string | null;
                                result: unknown;
                                retry_of: number | null;
                                started_at: string | null;
                                status: "queued" | "running" | "completed";
                                summary: {
                                    [key: string]: unknown;
                                };
                                target: {
                                    id: string | null;
                                    type: string;
                                } | null;
                                tenant_id: number | null;
                                type: string;
                                updated_at: string;
                                view_url: string;
                                /** Format: uuid */
                                workspace_id: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found — or not in the caller's workspace (never told apart) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk operations (RFC 7644 §3.7)
         * @description Several writes in one request (RFC 7644 §3.7), each answered in the BulkResponse; `bulkId` references resolve across operations; `failOnErrors` stops after that many failures.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
                     *       ],
                     *       "failOnErrors": 1,
                     *       "Operations": [
                     *         {
                     *           "method": "POST",
                     *           "path": "/Users",
                     *           "bulkId": "ada",
                     *           "data": {
                     *             "schemas": [
                     *               "urn:ietf:params:scim:schemas:core:2.0:User"
                     *             ],
                     *             "userName": "ada@example.com",
                     *             "externalId": "6a1f0c3e-2b4d-4c8e-9f1a-1d2e3f4a5b6c",
                     *             "name": {
                     *               "givenName": "Ada",
                     *               "familyName": "Lovelace"
                     *             },
                     *             "emails": [
                     *               {
                     *                 "value": "ada@example.com",
                     *                 "type": "work",
                     *                 "primary": true
                     *               }
                     *             ],
                     *             "active": true
                     *           }
                     *         },
                     *         {
                     *           "method": "POST",
                     *           "path": "/Groups",
                     *           "bulkId": "eng",
                     *           "data": {
                     *             "schemas": [
                     *               "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *             ],
                     *             "displayName": "Engineering",
                     *             "members": [
                     *               {
                     *                 "value": "bulkId:ada"
                     *               }
                     *             ]
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description BulkResponse: one result per operation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description More operations or bytes than the configured maximum */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or filter Groups
         * @description A ListResponse of Groups, filtered, sorted and paged (RFC 7644 §3.4.2).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Maximum results per page (§3.4.2.4; capped at the configured maximum) */
                    count?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                    /** @description RFC 7644 §3.4.2.2 filter, e.g. `userName eq "ada@example.com"` (eq, ne, co, sw, ew, gt, ge, lt, le, pr; and, or, not; complex `emails[type eq "work"]`) */
                    filter?: string | string[];
                    /** @description Attribute to sort by (§3.4.2.3), e.g. `userName` or `meta.lastModified` */
                    sortBy?: string | string[];
                    /** @description `ascending` (default) or `descending` (§3.4.2.3) */
                    sortOrder?: string | string[];
                    /** @description 1-based index of the first result (§3.4.2.4; default 1) */
                    startIndex?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ListResponse of Groups */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a Group
         * @description Creates a Group (RFC 7644 §3.3); `Location` and `ETag` name the new version.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *       ],
                     *       "displayName": "Engineering",
                     *       "members": [
                     *         {
                     *           "value": "2819c223-7f76-453a-919d-413861904646"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The Group created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Groups/.search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search Groups
         * @description The same query as GET /Groups, carried in a SearchRequest body (RFC 7644 §3.4.3): long filters, and no filter in access logs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
                     *       ],
                     *       "filter": "displayName eq \"Engineering\"",
                     *       "startIndex": 1,
                     *       "count": 50
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description ListResponse of Groups */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a Group
         * @description One Group (RFC 7644 §3.4.1); with `If-None-Match` of the current ETag, 304.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The Group */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Not modified (the `If-None-Match` ETag is current) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        /**
         * Replace a Group
         * @description Replaces the Group (RFC 7644 §3.5.1); `If-Match` makes it conditional.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *       ],
                     *       "displayName": "Engineering",
                     *       "members": [
                     *         {
                     *           "value": "2819c223-7f76-453a-919d-413861904646"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The Group as replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a Group
         * @description Deletes the Group (RFC 7644 §3.6).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Modify a Group (RFC 7644 §3.5.2)
         * @description Modifies the Group with PatchOp operations (RFC 7644 §3.5.2); answers 204 unless `attributes` or `excludedAttributes` asks for the group, so a change to a large group never returns it.
         */
        patch: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *       ],
                     *       "Operations": [
                     *         {
                     *           "op": "add",
                     *           "path": "members",
                     *           "value": [
                     *             {
                     *               "value": "2819c223-7f76-453a-919d-413861904646"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The Group as modified (asked for) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Modified (no body asked for) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/ResourceTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Resource types
         * @description The resource types served, User and Group (RFC 7643 §6).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ListResponse of resource types */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/ResourceTypes/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One resource type
         * @description One resource type.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description User or Group */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The resource type */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Schemas
         * @description The schemas of the resources, attribute by attribute (RFC 7643 §7).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ListResponse of schemas */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Schemas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One schema
         * @description One schema, by its URN.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The schema URN */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The schema */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service provider configuration
         * @description What this endpoint supports (RFC 7643 §5): PATCH, Bulk and its limits, filter and its maximum results, sorting, ETags.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The service provider configuration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or filter Users
         * @description A ListResponse of Users, filtered, sorted and paged (RFC 7644 §3.4.2).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Maximum results per page (§3.4.2.4; capped at the configured maximum) */
                    count?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                    /** @description RFC 7644 §3.4.2.2 filter, e.g. `userName eq "ada@example.com"` (eq, ne, co, sw, ew, gt, ge, lt, le, pr; and, or, not; complex `emails[type eq "work"]`) */
                    filter?: string | string[];
                    /** @description Attribute to sort by (§3.4.2.3), e.g. `userName` or `meta.lastModified` */
                    sortBy?: string | string[];
                    /** @description `ascending` (default) or `descending` (§3.4.2.3) */
                    sortOrder?: string | string[];
                    /** @description 1-based index of the first result (§3.4.2.4; default 1) */
                    startIndex?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ListResponse of Users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a User
         * @description Creates a User (RFC 7644 §3.3); `Location` and `ETag` name the new version.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:schemas:core:2.0:User"
                     *       ],
                     *       "userName": "ada@example.com",
                     *       "externalId": "6a1f0c3e-2b4d-4c8e-9f1a-1d2e3f4a5b6c",
                     *       "name": {
                     *         "givenName": "Ada",
                     *         "familyName": "Lovelace"
                     *       },
                     *       "emails": [
                     *         {
                     *           "value": "ada@example.com",
                     *           "type": "work",
                     *           "primary": true
                     *         }
                     *       ],
                     *       "active": true
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The User created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Users/.search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search Users
         * @description The same query as GET /Users, carried in a SearchRequest body (RFC 7644 §3.4.3): long filters, and no filter in access logs.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
                     *       ],
                     *       "filter": "userName sw \"ada\"",
                     *       "startIndex": 1,
                     *       "count": 50
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description ListResponse of Users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/scim/v2.0/{configurationId}/Users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a User
         * @description One User (RFC 7644 §3.4.1); with `If-None-Match` of the current ETag, 304.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The User */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Not modified (the `If-None-Match` ETag is current) */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        /**
         * Replace a User
         * @description Replaces the User (RFC 7644 §3.5.1); `If-Match` makes it conditional.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:schemas:core:2.0:User"
                     *       ],
                     *       "userName": "ada@example.com",
                     *       "externalId": "6a1f0c3e-2b4d-4c8e-9f1a-1d2e3f4a5b6c",
                     *       "name": {
                     *         "givenName": "Ada",
                     *         "familyName": "Lovelace"
                     *       },
                     *       "emails": [
                     *         {
                     *           "value": "ada@example.com",
                     *           "type": "work",
                     *           "primary": true
                     *         }
                     *       ],
                     *       "active": true
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The User as replaced */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        post?: never;
        /**
         * Delete a User
         * @description Deletes the User (RFC 7644 §3.6).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Modify a User (RFC 7644 §3.5.2)
         * @description Modifies the User with PatchOp operations (RFC 7644 §3.5.2) and answers with it.
         */
        patch: {
            parameters: {
                query?: {
                    /** @description Comma-separated attributes to return, overriding the defaults (§3.4.2.5) */
                    attributes?: string | string[];
                    /** @description Comma-separated attributes to leave out (§3.4.2.5) */
                    excludedAttributes?: string | string[];
                };
                header?: never;
                path: {
                    /** @description The SCIM configuration (its id; the base URL ends with it) */
                    configurationId: string;
                    /** @description The resource id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "schemas": [
                     *         "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *       ],
                     *       "Operations": [
                     *         {
                     *           "op": "replace",
                     *           "path": "active",
                     *           "value": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        schemas: string[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description The User as modified */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description RFC 7644 error (`scimType` invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, mutability, tooMany, …) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Missing, unknown or revoked SCIM token (RFC 7644 error) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description No such resource in this configuration (RFC 7644 error) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description Uniqueness violated (`scimType: uniqueness`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
                /** @description The `If-Match` version is not the current one */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        trace?: never;
    };
    "/directory/resources/v1/configurations/scim2": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get all SCIM configurations (the vendor sees every workspace, others their own)
         * @description Retrieve the provisioning (SCIM) configurations, filtered by tenant, source, name or id (the contract: vendor only).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only the configuration of this name */
                    connectionName?: string;
                    /** @description The SCIM configuration id */
                    id?: string;
                    /** @description Only configurations of this source (`frontegg`, `okta`, `azure-ad`, `other`) */
                    source?: string;
                    /** @description Only configurations of this tenant (its id) */
                    tenantId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description List of SCIM configurations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The SCIM 2.0 base URL to give the identity provider */
                            baseUrl: string;
                            connectionName: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lastSync: string | null;
                            source: string;
                            syncToUserManagement: boolean;
                            tenantId: string;
                            /** @description What the SCIM endpoint does with a core attribute its schemas do not define: ignore (default) or reject with 400 invalidValue */
                            unknownAttributePolicy: "ignore" | "reject";
                        }[];
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a SCIM configuration
         * @description Creates a provisioning (SCIM) configuration for the tenant the `frontegg-tenant-id` header names: a live SCIM 2.0 endpoint at `baseUrl` with its own bearer token, shown only in this response (`Cache-Control: no-store`). Without `connectionName` the source's name is used (numbered when taken). Needs `scim.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description The account (tenant) the configuration is for: its numeric id or its slug */
                    "frontegg-tenant-id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        connectionName?: string;
                        source: "frontegg" | "okta" | "azure-ad" | "other";
                        syncToUserManagement?: boolean;
                        unknownAttributePolicy?: "ignore" | "reject";
                    };
                };
            };
            responses: {
                /** @description The configuration with its SCIM token (shown once) and base URL */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The SCIM 2.0 base URL to give the identity provider */
                            baseUrl: string;
                            connectionName: string;
                            id: string;
                            /** @description The SCIM bearer token; shown only in this response */
                            token: string;
                        };
                    };
                };
                /** @description No `frontegg-tenant-id` (`scim_configuration.tenant_required`), or the body does not validate */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The header names no tenant of the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description This tenant already has a configuration of this name */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/v1/configurations/scim2/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a SCIM configuration
         * @description One configuration (never its token). With `frontegg-tenant-id`, only if it belongs to that tenant. Needs `scim.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The tenant: its numeric id or its slug */
                    "frontegg-tenant-id"?: string;
                };
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The configuration */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The SCIM 2.0 base URL to give the identity provider */
                            baseUrl: string;
                            connectionName: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            lastSync: string | null;
                            source: string;
                            syncToUserManagement: boolean;
                            tenantId: string;
                            /** @description What the SCIM endpoint does with a core attribute its schemas do not define: ignore (default) or reject with 400 invalidValue */
                            unknownAttributePolicy: "ignore" | "reject";
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No such configuration in the caller's workspace, or not of the tenant the header names */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a SCIM configuration: its tokens stop working, its users and groups are removed
         * @description Deletes the configuration: its tokens stop working at once and the users and groups it provisioned are removed. Needs `scim.manage`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The tenant: its numeric id or its slug */
                    "frontegg-tenant-id"?: string;
                };
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No such configuration in the caller's workspace, or not of the tenant the header names */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a SCIM configuration
         * @description Sets `syncToUserManagement`: whether provisioned users also become workspace members (their role mapped from their SCIM groups). Needs `scim.manage`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The tenant: its numeric id or its slug */
                    "frontegg-tenant-id"?: string;
                };
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "syncToUserManagement": false
                     *     }
                     */
                    "application/json": {
                        syncToUserManagement: boolean;
                        unknownAttributePolicy?: "ignore" | "reject";
                    };
                };
            };
            responses: {
                /** @description Updated */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No such configuration in the caller's workspace, or not of the tenant the header names */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/directory/resources/v1/configurations/scim2/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a token rotation (addition to the contract): a new token; the old one works until the grace period ends
         * @description Not in the contract: issues a new SCIM token (shown only in this response); the previous one keeps working until `previousTokenExpiresAt`, so the identity provider can be switched without a gap. Needs `scim.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The tenant: its numeric id or its slug */
                    "frontegg-tenant-id"?: string;
                };
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The new token (shown once) and when the previous one stops */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseUrl: string;
                            connectionName: string;
                            id: string;
                            /** @description Until then the previous token keeps working, unless the rotation is completed first */
                            previousTokenExpiresAt: string | null;
                            /** @description The new SCIM bearer token; shown only in this response */
                            token: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No such configuration in the caller's workspace, or not of the tenant the header names */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/directory/resources/v1/configurations/scim2/{id}/rotate/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a token rotation (addition to the contract): the previous token stops working now
         * @description Not in the contract: the previous token of a rotation stops working now, before its grace period ends. Needs `scim.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The tenant: its numeric id or its slug */
                    "frontegg-tenant-id"?: string;
                };
                path: {
                    /** @description The SCIM configuration id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The previous token no longer works */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No such configuration in the caller's workspace, or not of the tenant the header names */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers while the process serves HTTP; it checks nothing else (readiness is /readyz).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The process is alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Ready when the database is reachable and its migrations are applied; `checks` says which part is not.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready to serve */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: string;
                            };
                            status: "ready" | "not_ready";
                        };
                    };
                };
                /** @description The service is not ready (database unreachable or migrations pending) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: string;
                            };
                            status: "ready" | "not_ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all integrations (no credential values)
         * @description Without `limit`, every integration (as the contract says). With `limit`, one page; `x-next-cursor` names the next.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Extension: the x-next-cursor of the previous page */
                    cursor?: string;
                    /** @description Extension: page size (default: no paging, every integration) */
                    limit?: number;
                    /** @description Filter by provider (one of the contract's providers) */
                    provider?: "github" | "azuredevops" | "jfrog" | "gitlab" | "npm" | "github_packages" | "jira" | "azure-devops" | "ai_anthropic" | "ai_openai" | "ai_google" | "ai_github_copilot" | "ai_amazon_bedrock" | "datadog" | "newrelic" | "splunk";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description List of integrations (credential fingerprints, never values) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authType: string;
                            /** @description Default category: the provider, 'ai' for the AI providers, 'azure-devops' for both spellings */
                            category: string;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            createdBy: string | null;
                            /** @description The only origins the credential is ever sent to */
                            credentialOrigins: string[];
                            /** @description Per secret credential field: fingerprint and last four — never the value */
                            credentials: {
                                [key: string]: {
                                    /** @description HMAC fingerprint of the stored value (not reversible) */
                                    fingerprint: string;
                                    last4: string | null;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            isDefault: boolean;
                            isGlobal: boolean;
                            projects: string[];
                            provider: string;
                            updatedAt: string;
                            verification: {
                                checkedAt: string | null;
                                message: string | null;
                                reasonCode: string | null;
                                status: "unverified" | "verified" | "failed";
                            };
                        }[];
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Forbidden — needs `integrations.view` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Store credentials for an external service
         * @description Stores the credentials of an external service, encrypted at rest (AES-256-GCM envelope). Scope: `isGlobal: true` for every project, or `projects: [...]` (registered first via `POST /sfp/api/projects`). `isDefault` makes a global integration the default of its category. Needs `integrations.manage`; application tokens are refused (401). With `?verify=true` the stored credential is also checked with one live call and the result included.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Verify the credential with one live call and include the result */
                    verify?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How to authenticate with the provider (which ones depends on the provider)
                         * @enum {unknown}
                         */
                        authType: "pat" | "oauth" | "app" | "basic" | "basic_auth" | "oauth_client_credentials" | "service_principal" | "api_key" | "bearer";
                        /** @description Provider-specific configuration; checked by the provider */
                        config?: {
                            [key: string]: unknown;
                        } | null;
                        /** @description Provider-specific credentials (see the contract for each provider + authType); their fields are checked by the provider */
                        credentials: {
                            [key: string]: unknown;
                        };
                        /** @description Default of the provider category (global integrations only) */
                        isDefault?: boolean;
                        /** @description true: available to all projects */
                        isGlobal?: boolean;
                        /** @description Registered project identifiers to scope the integration to; required unless isGlobal is true */
                        projects?: string[] | null;
                        /**
                         * @description External service to integrate with
                         * @enum {unknown}
                         */
                        provider: "github" | "azuredevops" | "jfrog" | "gitlab" | "npm" | "github_packages" | "jira" | "azure-devops" | "ai_anthropic" | "ai_openai" | "ai_google" | "ai_github_copilot" | "ai_amazon_bedrock" | "datadog" | "newrelic" | "splunk";
                    };
                };
            };
            responses: {
                /** @description Integration created (credential fingerprints, never values) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authType: string;
                            /** @description Default category: the provider, 'ai' for the AI providers, 'azure-devops' for both spellings */
                            category: string;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            createdBy: string | null;
                            /** @description The only origins the credential is ever sent to */
                            credentialOrigins: string[];
                            /** @description Per secret credential field: fingerprint and last four — never the value */
                            credentials: {
                                [key: string]: {
                                    /** @description HMAC fingerprint of the stored value (not reversible) */
                                    fingerprint: string;
                                    last4: string | null;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            isDefault: boolean;
                            isGlobal: boolean;
                            projects: string[];
                            provider: string;
                            updatedAt: string;
                            verification: {
                                checkedAt: string | null;
                                message: string | null;
                                reasonCode: string | null;
                                status: "unverified" | "verified" | "failed";
                            };
                        };
                    };
                };
                /** @description Invalid configuration, missing scope (isGlobal or projects), or project not found — `field` names it */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Application tokens not permitted — requires user authentication */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Forbidden — needs `integrations.manage` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete an integration and its encrypted credentials
         * @description Permanently deletes the integration and its encrypted credentials, and logs it in the audit trail. Needs `integrations.manage`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Integration ID (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Integration deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Integration not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update an integration
         * @description Updates `credentials` (replaced whole), `config` or `isDefault`; omitted fields stay. `provider`, `authType` and the scope cannot change. Needs `integrations.manage`; application tokens are refused (401).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Integration ID (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Immutable: accepted only with the stored value */
                        authType?: string;
                        /** @description Replaces the provider-specific configuration */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** @description Replaces the stored credentials (same shape as create) */
                        credentials?: {
                            [key: string]: unknown;
                        };
                        /** @description Default of the provider category (global integrations only) */
                        isDefault?: boolean;
                        /** @description Immutable: accepted only with the stored value */
                        isGlobal?: boolean;
                        /** @description Immutable: accepted only with the stored projects */
                        projects?: string[];
                        /** @description Immutable: accepted only with the stored value */
                        provider?: string;
                    };
                };
            };
            responses: {
                /** @description Integration updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authType: string;
                            /** @description Default category: the provider, 'ai' for the AI providers, 'azure-devops' for both spellings */
                            category: string;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            createdBy: string | null;
                            /** @description The only origins the credential is ever sent to */
                            credentialOrigins: string[];
                            /** @description Per secret credential field: fingerprint and last four — never the value */
                            credentials: {
                                [key: string]: {
                                    /** @description HMAC fingerprint of the stored value (not reversible) */
                                    fingerprint: string;
                                    last4: string | null;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            isDefault: boolean;
                            isGlobal: boolean;
                            projects: string[];
                            provider: string;
                            updatedAt: string;
                            verification: {
                                checkedAt: string | null;
                                message: string | null;
                                reasonCode: string | null;
                                status: "unverified" | "verified" | "failed";
                            };
                        };
                    };
                };
                /** @description Invalid update (e.g. setting a non-global integration as default) — `field` names it */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Application tokens not permitted — requires user authentication */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Integration not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/sfp/api/integrations/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify an integration with one live call (operation run)
         * @description Not in the contract: starts a verification run (one cheap live call with the stored credential) and answers with the run; follow it at `GET /api/v1/operation-runs/{id}`. A verification already active is returned (`deduped`); another run on the integration is `409 scope_busy`. Needs `integrations.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Integration ID (UUID) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Verification run started or deduped */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disposition: string;
                            run: {
                                id: number;
                                outcome: string;
                                reason_code: string | null;
                                status: string;
                                type: string;
                                view_url: string;
                            };
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Integration not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Another run is active on this integration (`scope_busy`) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            disposition: string;
                            run: {
                                id: number;
                                outcome: string;
                                reason_code: string | null;
                                status: string;
                                type: string;
                                view_url: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/integrations/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve decrypted credentials (audited)
         * @description Releases decrypted credentials matching the filter; each release is written to the audit log in the same transaction, or nothing is released. With `project`, the project's own integration wins over the category default. Needs `integrations.credentials.read`; an application token must give `provider` or `project` and sees only its narrowing. The answer is never cached (`Cache-Control: no-store`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Filter by registered project identifier (e.g. flxbl-io/sf-core) */
                    project?: string;
                    /** @description Filter by provider (one of the contract's providers) */
                    provider?: "github" | "azuredevops" | "jfrog" | "gitlab" | "npm" | "github_packages" | "jira" | "azure-devops" | "ai_anthropic" | "ai_openai" | "ai_google" | "ai_github_copilot" | "ai_amazon_bedrock" | "datadog" | "newrelic" | "splunk";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Credentials retrieved (audited) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authType: string;
                            category: string;
                            config: {
                                [key: string]: unknown;
                            };
                            credentials: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            id: string;
                            isDefault: boolean;
                            isGlobal: boolean;
                            projects: string[];
                            provider: string;
                            resolvedBy: string | null;
                        }[];
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Forbidden — needs `integrations.credentials.read`, or outside the token’s narrowing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description No integration found for the specified filters */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/integrations/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List default integrations
         * @description The integrations marked as defaults: one per provider category (the AI providers share one). A project without an integration of its own falls back to these. Needs `integrations.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description List of default integrations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authType: string;
                            /** @description Default category: the provider, 'ai' for the AI providers, 'azure-devops' for both spellings */
                            category: string;
                            config: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            createdBy: string | null;
                            /** @description The only origins the credential is ever sent to */
                            credentialOrigins: string[];
                            /** @description Per secret credential field: fingerprint and last four — never the value */
                            credentials: {
                                [key: string]: {
                                    /** @description HMAC fingerprint of the stored value (not reversible) */
                                    fingerprint: string;
                                    last4: string | null;
                                };
                            };
                            /** Format: uuid */
                            id: string;
                            isDefault: boolean;
                            isGlobal: boolean;
                            projects: string[];
                            provider: string;
                            updatedAt: string;
                            verification: {
                                checkedAt: string | null;
                                message: string | null;
                                reasonCode: string | null;
                                status: "unverified" | "verified" | "failed";
                            };
                        }[];
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Forbidden — needs `integrations.view` */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/integrations/platforms/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Platform health of registered projects
         * @description Checks, for each registered project (or the one named), that its source-control platform is reachable with the stored credentials: GitHub `GET /repos/{owner}/{repo}`, Azure DevOps `GET /_apis/connectiondata`. Overall `healthy`, `degraded` or `unhealthy`. Every member role of the workspace may call it (`integrations.health`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Project identifier to check; omit to check all registered projects */
                    project?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Platform health check results */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            platforms: {
                                integrationId?: string;
                                latency?: number;
                                message: string;
                                project: string;
                                provider: "github" | "azure-devops" | "none";
                                reasonCode?: string;
                                status: "healthy" | "unhealthy" | "not_configured" | "initializing";
                            }[];
                            status: "healthy" | "degraded" | "unhealthy";
                            timestamp: string;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Project not found — the specified project identifier does not exist */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List registered projects
         * @description The workspace's registered projects. Needs `projects.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Registered projects */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description?: string;
                            /** Format: uuid */
                            id: string;
                            identifier: string;
                            name?: string;
                            platform: string;
                            repositoryUrl?: string;
                        }[];
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a project
         * @description Registers a repository (`org/repo`, or `org/project/repo` on Azure DevOps) with its platform, so integrations can be scoped to it and platform health can check it. Needs `projects.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @description owner/repo (GitHub) or org/project/repo (Azure DevOps) */
                        identifier: string;
                        name?: string;
                        /**
                         * @description github or azure-devops
                         * @enum {unknown}
                         */
                        platform: "github" | "azure-devops";
                        repositoryUrl?: string;
                    };
                };
            };
            responses: {
                /** @description Project registered */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description?: string;
                            /** Format: uuid */
                            id: string;
                            identifier: string;
                            name?: string;
                            platform: string;
                            repositoryUrl?: string;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The project is already registered */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sfp/api/projects/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a project (by id or identifier)
         * @description Removes a project, by its ID or its identifier. Needs `projects.manage`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Project ID (UUID) or identifier */
                    "*": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Project removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Project not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description A project-scoped integration still uses the project */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List provider connections
         * @description The tenant's provider connections with their status and health. Needs `providers.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tenant's connections */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string;
                            /** @description Entra tenant ID (GUID) or verified domain, lower-case */
                            entra_tenant_id: string;
                            health_status: "ok" | "degraded" | "down";
                            /** Format: uuid */
                            id: string;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            /** @description The same connection on the /admin (provider-identity) surface. */
                            number: number;
                            provider: "microsoft";
                            status: "connected" | "needs_consent" | "error" | "disabled";
                            tenant_id: number;
                        }[];
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Tenant not found in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create provider connection
         * @description Creates a Microsoft connection to an Entra tenant (GUID or verified domain) for this tenant. It starts `needs_consent`; attach credentials with `PUT …/credentials`. Needs `providers.manage`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "provider": "microsoft",
                     *       "entra_tenant_id": "8d2f6a1b-3c4e-4f5a-9b6c-7d8e9f0a1b2c",
                     *       "display_name": "Contoso",
                     *       "is_default": true
                     *     }
                     */
                    "application/json": {
                        display_name: string;
                        entra_tenant_id: string;
                        /** @default false */
                        is_default?: boolean;
                        provider: "microsoft";
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string;
                            /** @description Entra tenant ID (GUID) or verified domain, lower-case */
                            entra_tenant_id: string;
                            health_status: "ok" | "degraded" | "down";
                            /** Format: uuid */
                            id: string;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            /** @description The same connection on the /admin (provider-identity) surface. */
                            number: number;
                            provider: "microsoft";
                            status: "connected" | "needs_consent" | "error" | "disabled";
                            tenant_id: number;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Tenant not found in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Duplicate connection (same provider and Entra tenant for this tenant) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get provider connection
         * @description One connection with its status, health and last error. Needs `providers.view`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The connection */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string;
                            /** @description Entra tenant ID (GUID) or verified domain, lower-case */
                            entra_tenant_id: string;
                            health_status: "ok" | "degraded" | "down";
                            /** Format: uuid */
                            id: string;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            /** @description The same connection on the /admin (provider-identity) surface. */
                            number: number;
                            provider: "microsoft";
                            status: "connected" | "needs_consent" | "error" | "disabled";
                            tenant_id: number;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found in the tenant, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update provider connection (display, default, disable)
         * @description `status: disabled` disables the connection; any other status re-enables a disabled one (its status then follows from consent and the last check).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        is_default?: boolean;
                        status?: "connected" | "needs_consent" | "error" | "disabled";
                    };
                };
            };
            responses: {
                /** @description The connection as updated */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            display_name: string;
                            /** @description Entra tenant ID (GUID) or verified domain, lower-case */
                            entra_tenant_id: string;
                            health_status: "ok" | "degraded" | "down";
                            /** Format: uuid */
                            id: string;
                            is_default: boolean;
                            last_error_message: string | null;
                            last_error_reason_code: string | null;
                            last_health_check_at: string | null;
                            /** @description The same connection on the /admin (provider-identity) surface. */
                            number: number;
                            provider: "microsoft";
                            status: "connected" | "needs_consent" | "error" | "disabled";
                            tenant_id: number;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found in the tenant, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections/{connectionId}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Attach / rotate credentials (secret never returned)
         * @description Needs providers.manage_dedicated. A connection created through this API takes its credentials here: the first PUT makes it use them (dedicated). A connection created through `/admin` that uses the platform app is switched only with the header `X-Confirm: <connection id>`, as the provider-identity contract asks.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "type": "client_secret",
                     *       "client_id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
                     *       "client_secret": "<client secret>"
                     *     }
                     */
                    "application/json": {
                        client_id: string;
                        /** @description write-only: never returned */
                        client_secret: string;
                        type: "client_secret";
                    };
                };
            };
            responses: {
                /** @description Updated (the secret is never returned) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Connection not found in the tenant, or not in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections/{connectionId}/operations/compliance-snapshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a compliance snapshot (counts) (OperationRun-backed)
         * @description Starts a compliance snapshot (counts) against the connection as an operation run; a worker executes it, follow it at the run's `view_url`. The same start while one is active returns that run (200, dedupe); a different operation active on the connection is `409 scope_busy` carrying the active run. Without consent or a usable credential the run is created already finished, outcome `blocked`, with a reason code. Needs `providers.run`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Returned existing active run (dedupe) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description Run created (outcome `blocked` when the connection cannot run it) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Tenant or connection not found in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Scope busy (different operation already active for same scope) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active_run: {
                                id: number;
                                outcome: string;
                                reason_code: string | null;
                                status: string;
                                type: string;
                                view_url: string | null;
                            };
                            error: "scope_busy";
                            message: string;
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections/{connectionId}/operations/health-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a connection health check (OperationRun-backed)
         * @description Starts a connection health check against the connection as an operation run; a worker executes it, follow it at the run's `view_url`. The same start while one is active returns that run (200, dedupe); a different operation active on the connection is `409 scope_busy` carrying the active run. Without consent or a usable credential the run is created already finished, outcome `blocked`, with a reason code. Needs `providers.run`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Returned existing active run (dedupe) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description Run created (outcome `blocked` when the connection cannot run it) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Tenant or connection not found in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Scope busy (different operation already active for same scope) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active_run: {
                                id: number;
                                outcome: string;
                                reason_code: string | null;
                                status: string;
                                type: string;
                                view_url: string | null;
                            };
                            error: "scope_busy";
                            message: string;
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tenants/{tenantId}/provider-connections/{connectionId}/operations/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an inventory collection (OperationRun-backed)
         * @description Starts an inventory collection against the connection as an operation run; a worker executes it, follow it at the run's `view_url`. The same start while one is active returns that run (200, dedupe); a different operation active on the connection is `409 scope_busy` carrying the active run. Without consent or a usable credential the run is created already finished, outcome `blocked`, with a reason code. Needs `providers.run`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The provider connection (UUID) */
                    connectionId: string;
                    /** @description The tenant (int64 id) */
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Returned existing active run (dedupe) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description Run created (outcome `blocked` when the connection cannot run it) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            outcome: string;
                            reason_code: string | null;
                            status: string;
                            type: string;
                            view_url: string | null;
                        };
                    };
                };
                /** @description The request does not validate: `error` is the stable code, `field` names the offending part */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing, unknown, expired or revoked credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The caller's role or token lacks the capability this needs */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Tenant or connection not found in the caller's workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            request_id?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Scope busy (different operation already active for same scope) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active_run: {
                                id: number;
                                outcome: string;
                                reason_code: string | null;
                                status: string;
                                type: string;
                                view_url: string | null;
                            };
                            error: "scope_busy";
                            message: string;
                            request_id?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
