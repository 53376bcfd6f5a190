//! What runs around every handler, outermost first: the security headers, the error pages
//! (`startup::render_errors`), the record of refusals, the refusal of cross-site changes, and
//! finding who is asking.

pub mod authentication;
pub mod cross_site;
pub mod refusals;
pub mod security_headers;
