import LibPQClient

/// The statements reading records for export; sources and participants come aggregated as JSON
/// arrays so one row carries one record. Deleted letters are not exported (see
/// DatasetExportReader), so nothing names one: a link to one is left out, and an invitation
/// extended or answered by one is exported without its letter, so the export imports on its own.
enum ExportQueries {
    /// The sources cited for row `x`; `column` is one of citation's foreign-key columns, named by
    /// the constants below, so it is spliced as SQL text.
    static func sources(citedFor column: String) -> PostgresQuery {
        """
        (SELECT json_agg(json_build_array(s.kind, s.title, s.url, s.publisher, s.published_edtf, s.excerpt, c.quote, s.retrieved_on) ORDER BY c.id)
         FROM citation c JOIN source s ON s.id = c.source_id WHERE c.\(unescaped: column) = x.id)::text
        """
    }

    static let events: PostgresQuery = """
        SELECT x.ref, x.name, x.kind::text AS kind, x.status::text AS status, h.key AS host, x.city, x.country_code,
               x.geonames_id, x.period_edtf, x.cameo_code, x.summary, x.origin_register::text AS origin_register, x.origin_ref,
               coalesce((SELECT array_agg(a.key ORDER BY a.id) FROM event_participant p JOIN export_actor a ON a.id = p.actor_id
                         WHERE p.event_id = x.id), '{}') AS participants,
               \(sources(citedFor: "event_id")) AS sources
        FROM event x LEFT JOIN export_actor h ON h.id = x.host_id
        WHERE x.id IN (SELECT id FROM export_event) ORDER BY x.id
        """

    static let letters: PostgresQuery = """
        SELECT x.ref, x.kind::text AS kind, x.sent_edtf, x.received_edtf, x.subject, x.summary, x.body, x.language,
               x.classification::text AS classification, x.sent_place, x.sent_place_geonames_id, x.received_place,
               x.received_place_geonames_id, x.awaiting_reply, x.external_key, x.sent_as_written, x.received_as_written,
               x.origin_register::text AS origin_register, x.origin_ref,
               pv.kind::text AS provenance_kind, pv.title AS provenance_title, pv.url AS provenance_url,
               (SELECT json_agg(json_build_array(p.role, a.key, p.capacity, r.key, p.name_as_written, p.name_supplied, p.name_uncertain) ORDER BY p.role, p.position)
                FROM letter_participant p JOIN export_actor a ON a.id = p.actor_id LEFT JOIN export_actor r ON r.id = p.represents_id
                WHERE p.letter_id = x.id)::text AS participants,
               (SELECT json_agg(json_build_array(k.kind, t.ref) ORDER BY k.kind, t.id)
                FROM letter_link k JOIN letter t ON t.id = k.target_id AND t.deleted_at IS NULL WHERE k.letter_id = x.id)::text AS links,
               coalesce((SELECT array_agg(e.ref ORDER BY e.id) FROM letter_event le JOIN event e ON e.id = le.event_id
                         WHERE le.letter_id = x.id), '{}') AS events,
               \(sources(citedFor: "letter_id")) AS sources
        FROM letter x LEFT JOIN source pv ON pv.id = x.provenance_id
        WHERE x.id IN (SELECT id FROM export_letter) ORDER BY x.id
        """

    static let invitations: PostgresQuery = """
        SELECT x.ref, a.key AS inviter, x.inviter_capacity, r.key AS represents, e.ref AS event, l.ref AS letter,
               x.issued_edtf, x.reply_by::text AS reply_by, x.summary, x.origin_register::text AS origin_register, x.origin_ref,
               coalesce((SELECT array_agg(v.key ORDER BY i.invitee_id) FROM invitation_invitee i JOIN export_actor v ON v.id = i.invitee_id
                         WHERE i.invitation_id = x.id), '{}') AS invitees,
               \(sources(citedFor: "invitation_id")) AS sources
        FROM invitation x JOIN export_actor a ON a.id = x.inviter_id LEFT JOIN export_actor r ON r.id = x.inviter_represents_id
        LEFT JOIN event e ON e.id = x.event_id LEFT JOIN letter l ON l.id = x.letter_id AND l.deleted_at IS NULL
        WHERE x.id IN (SELECT id FROM export_invitation) ORDER BY x.id
        """

    static let responses: PostgresQuery = """
        SELECT x.ref AS invitation, v.key AS invitee, i.status::text AS status, l.ref AS letter, i.responded_edtf, i.note
        FROM invitation_invitee i JOIN invitation x ON x.id = i.invitation_id JOIN export_actor v ON v.id = i.invitee_id
        LEFT JOIN letter l ON l.id = i.response_letter_id AND l.deleted_at IS NULL
        WHERE i.status <> 'pending' AND x.id IN (SELECT id FROM export_invitation)
        ORDER BY x.id, i.invitee_id
        """
}
