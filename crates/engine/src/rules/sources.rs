//! The register of rule sources (`reference/upwork-rules.md` §5), for the ids the catalog uses.
//!
//! Copied by hand from the register so the app can link each source id to its page. Only the
//! ids that [`super::PARAMS`] cites are here, which keeps the download small; a test checks
//! that every cited id resolves. Where the register gives several addresses, the first is kept,
//! and titles keep the first page's title without the register's notes.

/// The type of a source, from the register's type codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// OFF: an Upwork Help Center article.
    Official,
    /// ANN: an Upwork announcement or release note.
    Announcement,
    /// MOD: an Upwork moderator or community manager in a forum thread.
    Moderator,
    /// INT: an internal Upwork knowledge-base page.
    Internal,
    /// MIR: an unofficial mirror of Upwork help text.
    Mirror,
    /// COM: a community member.
    Community,
    /// 3P: a third-party blog or video.
    ThirdParty,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Official => "Upwork Help Center",
            SourceKind::Announcement => "Upwork announcement",
            SourceKind::Moderator => "Upwork moderator",
            SourceKind::Internal => "Upwork internal page",
            SourceKind::Mirror => "unofficial mirror",
            SourceKind::Community => "community member",
            SourceKind::ThirdParty => "third party",
        }
    }
}

/// One entry of the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub id: &'static str,
    pub kind: SourceKind,
    pub title: &'static str,
    pub url: &'static str,
}

/// Looks a source id up in the register.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

/// The sources the parameter catalog cites, in register order.
#[rustfmt::skip]
pub const SOURCES: &[Source] = &[
    Source { id: "S1", kind: SourceKind::Announcement, title: "\"Your Job Success Score on Upwork\"", url: "https://community.upwork.com/t5/Freelancing-Resources/Your-Job-Success-Score-on-Upwork/td-p/736122" },
    Source { id: "S2", kind: SourceKind::Moderator, title: "Valeria K in the same thread: \"Hourly contracts are paused automatically after 30 days of inactivity\"", url: "https://community.upwork.com/t5/Announcements/Insight-on-how-Job-Success-Score-is-calculated/m-p/87248/highlight/true" },
    Source { id: "S3", kind: SourceKind::Announcement, title: "\"Job size will now be factored into your JSS\"", url: "https://community.upwork.com/t5/Announcements/Job-size-will-now-be-factored-into-your-JSS/m-p/709311" },
    Source { id: "S4", kind: SourceKind::Announcement, title: "\"No feedback contracts no longer impact Job Success Score (JSS)\"", url: "https://community.upwork.com/t5/Announcements/No-feedback-contracts-no-longer-impact-Job-Success-Score-JSS/m-p/824751/highlight/true" },
    Source { id: "S5", kind: SourceKind::Announcement, title: "\"How Job Success Score is Calculated\"", url: "https://community.upwork.com/t5/Product-Release-Notes/How-Job-Success-Score-is-Calculated/ba-p/904715" },
    Source { id: "S6", kind: SourceKind::Announcement, title: "\"Job Success Score Update | December 2023\"", url: "https://community.upwork.com/t5/Bulletin-Board/Job-Success-Score-Update-December-2023/m-p/1491817/highlight/true" },
    Source { id: "S7", kind: SourceKind::Official, title: "\"Job Success Score\"", url: "https://support.upwork.com/hc/en-us/articles/34958134307475-Job-Success-Score" },
    Source { id: "S8", kind: SourceKind::Official, title: "\"What factors affect my Job Success Score\"", url: "https://support.upwork.com/hc/en-us/articles/38439816969875-What-factors-affect-my-Job-Success-Score" },
    Source { id: "S9", kind: SourceKind::Official, title: "\"Why Did My Job Success Score Change\"", url: "https://support.upwork.com/hc/en-us/articles/115006097327-Why-Did-My-Job-Success-Score-Change-" },
    Source { id: "S10", kind: SourceKind::Official, title: "\"Weekly Billing Cycle\"", url: "https://support.upwork.com/hc/en-us/articles/211063698-Weekly-billing-cycle" },
    Source { id: "S12", kind: SourceKind::Official, title: "\"Fixed-Price Protection\"", url: "https://support.upwork.com/hc/en-us/articles/211063748-Fixed-Price-Protection" },
    Source { id: "S13", kind: SourceKind::Official, title: "\"Add and Edit Milestones\"", url: "https://support.upwork.com/hc/en-us/articles/360000990268-Add-and-Edit-Milestones" },
    Source { id: "S20", kind: SourceKind::Internal, title: "\"Warning on Inactive Hourly Contracts\"", url: "https://stage-support.upwork.com/hc/en-us/articles/14380529966226--Warning-on-Inactive-Hourly-Contracts" },
    Source { id: "S21", kind: SourceKind::Official, title: "\"Client disputed my hours\"", url: "https://support.upwork.com/hc/en-us/articles/211068588-Client-disputed-my-hours" },
    Source { id: "S22", kind: SourceKind::Official, title: "\"Leave feedback for your freelancer\"", url: "https://support.upwork.com/hc/en-us/articles/211062188-Leave-feedback-for-your-freelancer" },
    Source { id: "S24", kind: SourceKind::Official, title: "Dormant contracts", url: "https://support.upwork.com/hc/en-us/articles/360000990208" },
    Source { id: "S26", kind: SourceKind::Official, title: "\"Get Paid for Hourly Contracts\"", url: "https://support.upwork.com/hc/en-us/articles/211063668" },
    Source { id: "S27", kind: SourceKind::Announcement, title: "\"Streamlined dispute experience for fixed-price contracts\"", url: "https://community.upwork.com/t5/Product-Release-Notes/Streamlined-dispute-experience-for-fixed-price-contracts/ba-p/1478163" },
    Source { id: "S28b", kind: SourceKind::Official, title: "\"Give feedback\"", url: "https://support.upwork.com/hc/en-us/articles/211068438-Give-feedback" },
    Source { id: "S28c", kind: SourceKind::Official, title: "\"Job Success Score\"", url: "https://support.upwork.com/hc/en-us/articles/211063558-Job-Success-Score" },
    Source { id: "S32", kind: SourceKind::Official, title: "\"Review and pay for fixed-price contracts and milestones\"", url: "https://support.upwork.com/hc/en-us/articles/17974824831507" },
    Source { id: "S33", kind: SourceKind::Official, title: "\"Faster Payouts on Upwork\"", url: "https://support.upwork.com/hc/en-us/articles/360047676133-Faster-Payouts-on-Upwork" },
    Source { id: "S34", kind: SourceKind::Official, title: "\"Respond to an Escrow Dispute\"", url: "https://support.upwork.com/hc/en-us/articles/211062068-Respond-to-an-Escrow-Dispute" },
    Source { id: "S36", kind: SourceKind::Announcement, title: "\"New talent badges are now available!\"", url: "https://community.upwork.com/t5/Announcements/New-talent-badges-are-now-available/m-p/809484" },
    Source { id: "S39", kind: SourceKind::Official, title: "\"Why did my JSS disappear\"", url: "https://support.upwork.com/hc/en-us/articles/38437621837203-Why-did-my-JSS-disappear" },
    Source { id: "S44", kind: SourceKind::ThirdParty, title: "etcetera.kiev.ua \"Updates JSS: a transparent reputation system on Upwork\"", url: "https://etcetera.kiev.ua/blog/updates-jss-a-transparent-reputation-system-on-upwork/" },
    Source { id: "S52", kind: SourceKind::Official, title: "Get an escrow refund", url: "https://support.upwork.com/hc/en-us/articles/211062058" },
    Source { id: "S53", kind: SourceKind::Official, title: "\"Dispute Non-Release of a Milestone Payment\"", url: "https://support.upwork.com/hc/en-us/articles/211068528-Dispute-Non-Release-of-a-Milestone-Payment" },
    Source { id: "S56", kind: SourceKind::Official, title: "\"Arbitration\"", url: "https://support.upwork.com/hc/en-us/articles/14044146250259-Arbitration" },
    Source { id: "S64", kind: SourceKind::Moderator, title: "\"Contract ended as soon as it started, will it affect my JSS?\"", url: "https://community.upwork.com/t5/Freelancers/Contract-ended-as-soon-as-it-started-will-it-affect-my-JSS/td-p/468201" },
    Source { id: "S74", kind: SourceKind::Moderator, title: "\"How to end a paused contract\"", url: "https://community.upwork.com/t5/Freelancers/How-to-end-a-paused-contract/td-p/493402?attachment-id=6449" },
    Source { id: "S75", kind: SourceKind::Community, title: "\"JSS Score-inactive client\"", url: "https://community.upwork.com/t5/Freelancers/JSS-Score-inactive-client/td-p/453185" },
    Source { id: "S76", kind: SourceKind::Community, title: "parrot.ru chat / \"What if I ended Contract for Client who did not give job arrangement\"", url: "https://parrot.ru/richlance_chat/s2/00002/10860.html" },
    Source { id: "S78", kind: SourceKind::Moderator, title: "\"Is JSS score tied to client or contract\"", url: "https://community.upwork.com/t5/New-to-Upwork/Is-JSS-score-tied-to-client-or-contract/m-p/742376" },
    Source { id: "S79", kind: SourceKind::Community, title: "\"Pausing contract by client\"", url: "https://community.upwork.com/t5/Freelancers/Pausing-contract-by-client/td-p/453415" },
    Source { id: "S80", kind: SourceKind::Community, title: "\"Removal of anomalous contracts?\"", url: "https://community.upwork.com/t5/Freelancers/Removal-of-anomalous-contracts/m-p/359746/highlight/true" },
    Source { id: "S81", kind: SourceKind::Community, title: "\"Open contract adversely affected my JSS!?\"", url: "https://community.upwork.com/t5/Freelancers/Open-contract-adversely-affected-my-JSS/m-p/444990" },
    Source { id: "S89", kind: SourceKind::Moderator, title: "\"When do I qualify for JSS and a badge?\"", url: "https://community.upwork.com/t5/Freelancers/When-do-I-qualify-for-JSS-and-a-badge/m-p/902589/highlight/true" },
    Source { id: "S91", kind: SourceKind::Moderator, title: "\"Why is my job success score not visible?\"", url: "https://community.upwork.com/t5/Freelancers/Why-is-my-job-success-score-not-visible/td-p/840473" },
    Source { id: "S92", kind: SourceKind::Official, title: "\"My Stats\"", url: "https://support.upwork.com/hc/en-us/articles/211062968-My-Stats" },
    Source { id: "S100", kind: SourceKind::Official, title: "\"Top Rated\"", url: "https://support.upwork.com/hc/en-us/articles/211068468-Top-Rated" },
    Source { id: "S101", kind: SourceKind::Community, title: "\"Top Rated Eligible Weeks\"", url: "https://community.upwork.com/t5/Freelancers/Top-Rated-Eligible-Weeks/m-p/1016842" },
    Source { id: "S102", kind: SourceKind::Moderator, title: "\"New talent badges…\" replies", url: "https://community.upwork.com/t5/Announcements/New-talent-badges-are-now-available/m-p/822395/highlight/true" },
    Source { id: "S103", kind: SourceKind::Moderator, title: "\"Top Rated Plus eligibility for multiple contract from same client\"", url: "https://community.upwork.com/t5/Freelancers/Top-Rated-Plus-eligibility-for-multiple-contract-from-same/m-p/1443374/highlight/true" },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::PARAMS;

    /// Looks `id` up and compares the kind and the start of the address with `expected`.
    fn check(id: &str, expected: Option<(SourceKind, &str)>) {
        let found = source(id).map(|s| (s.kind, s.url));
        match (found, expected) {
            (Some((kind, url)), Some((want_kind, want_prefix))) => {
                assert_eq!(kind, want_kind, "{id}");
                assert!(url.starts_with(want_prefix), "{id}: {url}");
            }
            (None, None) => {}
            (found, expected) => panic!("{id}: found {found:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn ids_resolve_to_their_register_entries() {
        check(
            "S7",
            Some((
                SourceKind::Official,
                "https://support.upwork.com/hc/en-us/articles/34958134307475",
            )),
        );
        check(
            "S28c",
            Some((
                SourceKind::Official,
                "https://support.upwork.com/hc/en-us/articles/211063558",
            )),
        );
        check(
            "S44",
            Some((SourceKind::ThirdParty, "https://etcetera.kiev.ua/")),
        );
        check("S20", Some((SourceKind::Internal, "https://stage-support")));
        check("S28", None);
        check("S999", None);
        check("", None);
    }

    #[test]
    fn every_source_the_catalog_cites_is_in_the_register() {
        let missing: Vec<(&str, &str)> = PARAMS
            .iter()
            .flat_map(|p| p.sources.iter().map(move |id| (p.name, *id)))
            .filter(|(_, id)| source(id).is_none())
            .collect();
        assert_eq!(missing, Vec::<(&str, &str)>::new());
    }

    #[test]
    fn the_register_has_only_cited_ids_each_once_with_https_addresses() {
        for (i, s) in SOURCES.iter().enumerate() {
            assert!(s.url.starts_with("https://"), "{}: {}", s.id, s.url);
            assert!(!s.title.is_empty(), "{}", s.id);
            assert!(
                SOURCES[..i].iter().all(|earlier| earlier.id != s.id),
                "{} twice",
                s.id
            );
            assert!(
                PARAMS.iter().any(|p| p.sources.contains(&s.id)),
                "{} is not cited by any parameter",
                s.id
            );
        }
    }
}
