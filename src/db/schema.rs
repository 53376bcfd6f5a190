// The one schema both backends share; migrations/sqlite and migrations/postgres create it.

diesel::table! {
    register_state (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    departments (code) {
        code -> Text,
        name_en -> Text,
        name_fr -> Text,
        acronym_fr -> Text,
    }
}

diesel::table! {
    people (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        department_code -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        role -> Text,
        password_hash -> Nullable<Text>,
        must_change_password -> Bool,
        password_expires_at -> Nullable<Timestamp>,
        credentials_version -> Integer,
        language -> Text,
        digest_time -> Text,
    }
}

diesel::table! {
    sign_in_attempts (id) {
        id -> Text,
        subject -> Text,
        ip -> Text,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        person_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        ip -> Text,
        credentials_version -> Integer,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        person_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    security_events (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        kind -> Text,
        actor_id -> Nullable<Text>,
        subject -> Text,
        ip -> Text,
        detail -> Text,
    }
}

diesel::table! {
    reference_counters (year) {
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    irritants (id) {
        id -> Text,
        reference -> Text,
        title -> Text,
        summary -> Text,
        counterpart -> Text,
        direction -> Text,
        sector -> Text,
        measure_type -> Text,
        measure -> Text,
        status -> Text,
        status_date -> Date,
        status_note -> Text,
        closure_reason -> Nullable<Text>,
        priority -> Text,
        priority_rank -> Integer,
        action_holder -> Text,
        rag -> Nullable<Text>,
        owner_id -> Nullable<Text>,
        lead_department -> Nullable<Text>,
        team -> Text,
        target_date -> Nullable<Date>,
        trade_value_cents -> Nullable<BigInt>,
        trade_value_year -> Nullable<Integer>,
        trade_value_source -> Text,
        search_text -> Text,
        last_progress_on -> Nullable<Date>,
        next_milestone_due -> Nullable<Date>,
        opened_on -> Date,
        in_force_since -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    irritant_languages (irritant_id) {
        irritant_id -> Text,
        written_in -> Text,
        title_translation -> Text,
        summary_translation -> Text,
    }
}

diesel::table! {
    irritant_products (irritant_id, position) {
        irritant_id -> Text,
        position -> Integer,
        hs_code -> Text,
        label -> Text,
    }
}

diesel::table! {
    progress_updates (id) {
        id -> Text,
        irritant_id -> Text,
        reported_on -> Date,
        rag -> Text,
        done -> Text,
        next_steps -> Text,
        author_id -> Text,
        created_at -> Timestamp,
        written_in -> Text,
        done_translation -> Text,
        next_steps_translation -> Text,
    }
}

diesel::table! {
    milestones (id) {
        id -> Text,
        irritant_id -> Text,
        title -> Text,
        due_date -> Date,
        owner_id -> Nullable<Text>,
        state -> Text,
        completed_on -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    irritant_links (irritant_id, linked_id) {
        irritant_id -> Text,
        linked_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    history (id) {
        id -> BigInt,
        irritant_id -> Text,
        version -> Integer,
        actor_id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        field -> Nullable<Text>,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        effective_date -> Nullable<Date>,
        summary -> Text,
    }
}

diesel::table! {
    sources (id) {
        id -> Text,
        title -> Text,
        kind -> Text,
        issued_on -> Nullable<Date>,
        place -> Text,
        participants -> Text,
        url -> Text,
        fingerprint -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        title_fr -> Text,
    }
}

diesel::table! {
    source_versions (source_id, language) {
        source_id -> Text,
        language -> Text,
        title -> Text,
        issued_on -> Nullable<Date>,
        place -> Text,
        position -> Integer,
    }
}

diesel::table! {
    statements (id) {
        id -> Text,
        source_id -> Text,
        number -> Integer,
        is_directive -> Bool,
    }
}

diesel::table! {
    statement_texts (statement_id, language) {
        statement_id -> Text,
        language -> Text,
        text -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    import_mappings (person_id, headings) {
        person_id -> Text,
        headings -> Text,
        mapping -> Text,
    }
}

diesel::table! {
    import_uploads (id) {
        id -> Text,
        person_id -> Text,
        file_name -> Text,
        content -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    pending_data_steps (name) {
        name -> Text,
    }
}

diesel::table! {
    statement_links (statement_id, irritant_id) {
        statement_id -> Text,
        irritant_id -> Text,
        quote -> Text,
        note -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(people -> departments (department_code));
diesel::joinable!(statement_links -> statements (statement_id));
diesel::joinable!(statement_links -> irritants (irritant_id));
diesel::joinable!(sources -> people (created_by));
diesel::joinable!(source_versions -> sources (source_id));
diesel::joinable!(statements -> sources (source_id));
diesel::joinable!(statement_texts -> statements (statement_id));
diesel::joinable!(irritants -> people (owner_id));
diesel::joinable!(irritants -> departments (lead_department));
diesel::joinable!(irritant_products -> irritants (irritant_id));
diesel::joinable!(irritant_languages -> irritants (irritant_id));
diesel::joinable!(progress_updates -> irritants (irritant_id));
diesel::joinable!(progress_updates -> people (author_id));
diesel::joinable!(milestones -> irritants (irritant_id));
diesel::joinable!(milestones -> people (owner_id));
diesel::joinable!(history -> irritants (irritant_id));
diesel::joinable!(history -> people (actor_id));
diesel::joinable!(sessions -> people (person_id));
diesel::joinable!(api_tokens -> people (person_id));
diesel::joinable!(security_events -> people (actor_id));
diesel::joinable!(issued_reports -> people (issued_by));
diesel::joinable!(calendar_feeds -> people (person_id));

diesel::table! {
    bulk_changes (id) {
        id -> Text,
        actor_id -> Text,
        request -> Text,
        outcomes -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(bulk_changes -> people (actor_id));

diesel::table! {
    date_slips (id) {
        id -> Text,
        irritant_id -> Text,
        proposed_by -> Text,
        from_date -> Date,
        to_date -> Date,
        reason -> Text,
        state -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(date_slips -> irritants (irritant_id));

diesel::table! {
    saved_views (id) {
        id -> Text,
        name -> Text,
        owner_id -> Text,
        shared -> Bool,
        query -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    view_follows (view_id, person_id) {
        view_id -> Text,
        person_id -> Text,
        delivery -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    view_members (view_id, irritant_id) {
        view_id -> Text,
        irritant_id -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(saved_views -> people (owner_id));
diesel::joinable!(view_follows -> saved_views (view_id));
diesel::joinable!(view_members -> saved_views (view_id));
diesel::joinable!(view_members -> irritants (irritant_id));

diesel::allow_tables_to_appear_in_same_query!(
    saved_views,
    view_follows,
    view_members,
    bulk_changes,
    date_slips,
    register_state,
    issued_reports,
    calendar_feeds,
    departments,
    people,
    reference_counters,
    irritants,
    irritant_products,
    irritant_languages,
    progress_updates,
    milestones,
    irritant_links,
    history,
    sessions,
    api_tokens,
    security_events,
    sign_in_attempts,
    sources,
    source_versions,
    statements,
    statement_texts,
    statement_links,
    notification_preferences,
    watches,
    follows,
    comments,
    outgoing_mail,
    mail_failures,
    notifications,
    leases,
    shared_secrets,
);

// The dashboard counts directives' irritants grouped by statement, status and RAG.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    statements::source_id,
    statements::number,
    irritants::status,
    irritants::rag,
);

diesel::table! {
    issued_reports (id) {
        id -> Text,
        issued_by -> Text,
        issued_at -> Timestamp,
        period_from -> Date,
        period_to -> Date,
        grouping -> Text,
        scope -> Text,
        row_count -> Integer,
        content -> Text,
    }
}

diesel::table! {
    calendar_feeds (person_id) {
        person_id -> Text,
        key_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notification_preferences (person_id, kind) {
        person_id -> Text,
        kind -> Text,
        delivery -> Text,
    }
}

diesel::table! {
    watches (irritant_id, person_id) {
        irritant_id -> Text,
        person_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    follows (person_id, scope, value) {
        person_id -> Text,
        scope -> Text,
        value -> Text,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        irritant_id -> Text,
        author_id -> Text,
        body -> Text,
        mentions -> Text,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<Text>,
    }
}

diesel::table! {
    outgoing_mail (id) {
        id -> Text,
        recipient_id -> Text,
        event_key -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        give_up_at -> Timestamp,
        last_error -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mail_failures (id) {
        id -> BigInt,
        mail_id -> Text,
        failed_at -> Timestamp,
        reason -> Text,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        recipient_id -> Text,
        event_key -> Text,
        kind -> Text,
        irritant_id -> Nullable<Text>,
        link -> Text,
        detail -> Text,
        actor_id -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        delivery -> Text,
        mail_id -> Nullable<Text>,
    }
}

diesel::table! {
    leases (name) {
        name -> Text,
        holder -> Text,
        held_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    shared_secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::joinable!(watches -> irritants (irritant_id));
diesel::joinable!(watches -> people (person_id));
diesel::joinable!(follows -> people (person_id));
diesel::joinable!(comments -> irritants (irritant_id));
diesel::joinable!(outgoing_mail -> people (recipient_id));
diesel::joinable!(mail_failures -> outgoing_mail (mail_id));
diesel::joinable!(notifications -> outgoing_mail (mail_id));
