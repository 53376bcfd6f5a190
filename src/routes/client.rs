//! The client's network address, as the security log and the sign-in limits count it.

use actix_web::HttpRequest;

use crate::config::SecuritySettings;

/// The client's network address, for the security log and sign-in limits. Behind a proxy
/// named in `client_ip_header`, the last entry of the last such header: the address the proxy
/// saw, not whatever a client wrote in front of it. An IPv6 client counts as its /64 network,
/// which one client can change at will within.
pub fn client_ip(req: &HttpRequest, security: &SecuritySettings) -> String {
    let from_proxy = (!security.client_ip_header.is_empty())
        .then(|| {
            req.headers()
                .get_all(security.client_ip_header.as_str())
                .last()
        })
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(parse_address);
    let address = from_proxy.or_else(|| req.peer_addr().map(|a| a.ip()));
    address.map(network_of).unwrap_or_default()
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_address(raw: &str) -> Option<std::net::IpAddr> {
    let raw = raw.trim();
    raw.parse()
        .ok()
        .or_else(|| raw.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

/// What sign-in limits count by: an IPv4 address, or an IPv6 /64 network.
fn network_of(address: std::net::IpAddr) -> String {
    match address.to_canonical() {
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        v4 => v4.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_from_proxies_are_read_as_networks() {
        let net = |raw: &str| parse_address(raw).map(network_of);
        assert_eq!(net("203.0.113.7").as_deref(), Some("203.0.113.7"));
        assert_eq!(net("203.0.113.7:51234").as_deref(), Some("203.0.113.7"));
        assert_eq!(net("::ffff:203.0.113.7").as_deref(), Some("203.0.113.7"));
        assert_eq!(
            net("[2001:db8:1:2:3::9]:443").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(
            net("2001:db8:1:2:ffff::1").as_deref(),
            Some("2001:db8:1:2::/64")
        );
        assert_eq!(net("unknown"), None);
    }
}
