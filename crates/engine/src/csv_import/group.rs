//! Rows → draft contracts: dedupe, group, match refunds, link fees.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::detect::{normalise, Format};
use super::fields::slug;
use super::rows::{normalise_sign, Category, Class, EarningKind, Row};
use super::{Billed, ContractKind, Draft, DraftClient, DraftContract, ImportReport, Issue};
use crate::money::Money;
use crate::scenario::Payment;

/// The grouping key of a contract: (format tag, client, detail).
type Key = (u8, String, String);

/// A contract being assembled.
struct Group {
    key: Key,
    source: Format,
    client: Option<String>,
    title: Option<String>,
    contract_id: Option<String>,
    kinds: BTreeSet<EarningKind>,
    payments: Vec<Payment>,
    refunds: Vec<Payment>,
    scheduled: Vec<Payment>,
    /// (date, rate) of rows that showed a rate.
    rates: Vec<(NaiveDate, Money)>,
    /// Hourly rows with hours: (date, minutes, amount).
    billed: Vec<(NaiveDate, i64, Money)>,
    /// Linked fees, positive when charged.
    fees: Vec<Payment>,
    rows: usize,
    /// Earning Ref IDs and Transaction IDs, for linking fees and refunds.
    refs: BTreeSet<String>,
    transactions: BTreeSet<String>,
}

impl Group {
    fn new(key: Key, row: &Row) -> Group {
        Group {
            key,
            source: row.format,
            client: row.client.clone(),
            title: None,
            contract_id: row.contract_id.clone(),
            kinds: BTreeSet::new(),
            payments: Vec::new(),
            refunds: Vec::new(),
            scheduled: Vec::new(),
            rates: Vec::new(),
            billed: Vec::new(),
            fees: Vec::new(),
            rows: 0,
            refs: BTreeSet::new(),
            transactions: BTreeSet::new(),
        }
    }

    fn same_client(&self, client: &Option<String>) -> bool {
        match (&self.client, client) {
            (Some(a), Some(b)) => normalise(a) == normalise(b),
            _ => false,
        }
    }
}

fn client_key(row: &Row) -> String {
    row.client.as_deref().map(normalise).unwrap_or_default()
}

/// The key of an earning row; `None` for legacy bonuses (placed after the other earnings).
fn earning_key(row: &Row, kind: EarningKind) -> Option<Key> {
    let title = row.title.as_deref().map(normalise).unwrap_or_default();
    match row.format {
        Format::WeeklySummary => Some((
            2,
            String::new(),
            row.contract_id
                .clone()
                .unwrap_or_else(|| format!("title:{title}")),
        )),
        Format::TransactionReport => Some((1, client_key(row), title)),
        Format::LegacyTransactions => match kind {
            EarningKind::Hourly => Some((
                0,
                client_key(row),
                format!(
                    "hourly:{}",
                    row.rate.map(|r| r.cents().to_string()).unwrap_or_default()
                ),
            )),
            EarningKind::Fixed => Some((0, client_key(row), format!("fixed:{title}"))),
            EarningKind::Bonus => None,
        },
    }
}

/// Removes duplicates: rows with a Ref ID are kept once; rows without one (weekly rows) are a
/// multiset union across files, so identical rows within one file all stay.
fn dedupe(rows: Vec<Row>, report: &mut ImportReport) -> Vec<Row> {
    let mut seen_refs: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_file: BTreeMap<(String, usize), usize> = BTreeMap::new();
    let mut kept_count: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        let keep = if row.dedupe_key.starts_with("ref:") {
            match seen_refs.get(&row.dedupe_key) {
                None => {
                    seen_refs.insert(row.dedupe_key.clone(), kept.len());
                    true
                }
                Some(at) => {
                    // A scheduled earning seen again once paid: keep the paid copy.
                    if let Some(earlier) = kept.get_mut(*at) {
                        let earlier: &mut Row = earlier;
                        if earlier.scheduled && !row.scheduled {
                            *earlier = row;
                        }
                    }
                    report.duplicates += 1;
                    continue;
                }
            }
        } else {
            let count = per_file
                .entry((row.dedupe_key.clone(), row.file))
                .or_insert(0);
            *count += 1;
            let best = kept_count.entry(row.dedupe_key.clone()).or_insert(0);
            if *count > *best {
                *best = *count;
                true
            } else {
                false
            }
        };
        if keep {
            kept.push(row);
        } else {
            report.duplicates += 1;
        }
    }
    kept
}

fn set_aside(report: &mut ImportReport, category: Category) {
    *report.set_aside.entry(category).or_insert(0) += 1;
}

fn add_earning(group: &mut Group, row: &Row, kind: EarningKind) {
    group.kinds.insert(kind);
    if group.title.is_none() {
        group.title = row.title.clone();
    }
    if group.client.is_none() {
        group.client = row.client.clone();
    }
    let payment = Payment {
        date: row.date,
        amount: row.amount,
    };
    if row.scheduled {
        group.scheduled.push(payment);
    } else {
        group.payments.push(payment);
    }
    if let Some(rate) = row.rate {
        group.rates.push((row.date, rate));
    }
    if let (EarningKind::Hourly, Some(minutes)) = (kind, row.minutes) {
        group.billed.push((row.date, minutes, row.amount));
    }
    if let Some(ref_id) = &row.ref_id {
        group.refs.insert(ref_id.clone());
    }
    if let Some(transaction) = &row.transaction_id {
        group.transactions.insert(transaction.clone());
    }
}

/// The contract a refund belongs to: same key (B, C), the earning its Ref ID names (A), the
/// client's only contract, or the client's latest earning of exactly the refunded amount.
fn match_refund(groups: &[Group], index: &BTreeMap<Key, usize>, row: &Row) -> Option<usize> {
    let amount = Money::from_cents(row.amount.cents().saturating_abs());
    if row.format != Format::LegacyTransactions {
        if let Some(key) = earning_key(row, EarningKind::Fixed) {
            if let Some(found) = index.get(&key) {
                return Some(*found);
            }
        }
    }
    if let Some(linked) = &row.linked_ref {
        if let Some(found) = groups.iter().position(|g| g.refs.contains(linked)) {
            return Some(found);
        }
    }
    let same_client: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.same_client(&row.client))
        .map(|(i, _)| i)
        .collect();
    if let [only] = same_client.as_slice() {
        return Some(*only);
    }
    same_client
        .iter()
        .flat_map(|i| {
            groups
                .get(*i)
                .into_iter()
                .flat_map(|g| g.payments.iter())
                .filter(|p| p.amount == amount && p.date <= row.date)
                .map(move |p| (p.date, *i))
        })
        .max()
        .map(|(_, i)| i)
}

pub(crate) fn build(rows: Vec<Row>, names: &[&str], report: &mut ImportReport) -> Draft {
    let rows = dedupe(rows, report);
    let file_name = |file: usize| names.get(file).copied().unwrap_or("").to_string();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: BTreeMap<Key, usize> = BTreeMap::new();
    let mut bonuses = Vec::new();
    let mut refunds = Vec::new();
    let mut others = Vec::new();
    for mut row in rows {
        normalise_sign(&mut row);
        match row.class {
            Class::Earning(kind) => match earning_key(&row, kind) {
                Some(key) => {
                    let at = *index.entry(key.clone()).or_insert_with(|| {
                        groups.push(Group::new(key.clone(), &row));
                        groups.len() - 1
                    });
                    if let Some(group) = groups.get_mut(at) {
                        add_earning(group, &row, kind);
                    }
                }
                None => bonuses.push(row),
            },
            Class::Refund => refunds.push(row),
            Class::SetAside(_) => others.push(row),
        }
    }
    // Legacy bonuses: onto the client's only legacy contract, else a contract of their own.
    for row in bonuses {
        let candidates: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.source == Format::LegacyTransactions && g.same_client(&row.client))
            .map(|(i, _)| i)
            .collect();
        let at = match candidates.as_slice() {
            [only] => *only,
            _ => {
                let key = (0, client_key(&row), "bonus".to_string());
                *index.entry(key.clone()).or_insert_with(|| {
                    groups.push(Group::new(key.clone(), &row));
                    groups.len() - 1
                })
            }
        };
        if let Some(group) = groups.get_mut(at) {
            add_earning(group, &row, EarningKind::Bonus);
        }
    }
    for row in refunds {
        match match_refund(&groups, &index, &row).and_then(|i| groups.get_mut(i)) {
            Some(group) => {
                let amount = Money::from_cents(row.amount.cents().saturating_abs());
                group.refunds.push(Payment {
                    date: row.date,
                    amount,
                });
                if let Some(ref_id) = &row.ref_id {
                    group.refs.insert(ref_id.clone());
                }
                if let Some(transaction) = &row.transaction_id {
                    group.transactions.insert(transaction.clone());
                }
                group.rows += 1;
                report.rows_used += 1;
            }
            None => {
                set_aside(report, Category::UnmatchedRefund);
                report.warnings.push(Issue::row(
                    &file_name(row.file),
                    row.line,
                    None,
                    format!(
                        "refund of {} on {} matches no imported contract; set aside",
                        row.amount, row.date
                    ),
                ));
            }
        }
    }
    // Fees: linked by Ref ID (A; taxes chain through the fee's Ref ID) or Transaction ID (B).
    for _pass in 0..2 {
        for row in &others {
            let Class::SetAside(Category::ServiceFee | Category::Tax) = row.class else {
                continue;
            };
            let linked = groups.iter().position(|g| {
                row.linked_ref.as_ref().is_some_and(|r| g.refs.contains(r))
                    || row
                        .transaction_id
                        .as_ref()
                        .is_some_and(|t| g.transactions.contains(t))
            });
            if let (Some(group), Some(ref_id)) =
                (linked.and_then(|i| groups.get_mut(i)), &row.ref_id)
            {
                if group.refs.insert(ref_id.clone()) {
                    // Fee rows are negative in the files; a fee is kept as a positive amount.
                    let amount = Money::from_cents(row.amount.cents().saturating_neg());
                    group.fees.push(Payment {
                        date: row.date,
                        amount,
                    });
                }
            }
        }
    }
    for row in &others {
        if let Class::SetAside(category) = row.class {
            set_aside(report, category);
        }
    }
    finish(groups, report)
}

fn finish(groups: Vec<Group>, report: &mut ImportReport) -> Draft {
    let mut clients: Vec<DraftClient> = Vec::new();
    let mut client_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut used_ids = BTreeSet::new();
    let mut contracts = Vec::with_capacity(groups.len());
    let mut ordered: Vec<Group> = groups;
    for group in &mut ordered {
        group.payments.sort();
        group.refunds.sort();
        group.scheduled.sort();
        group.fees.sort();
    }
    let first_date = |g: &Group| {
        g.payments
            .iter()
            .chain(&g.refunds)
            .chain(&g.scheduled)
            .map(|p| p.date)
            .min()
    };
    ordered.sort_by(|a, b| (first_date(a), &a.key).cmp(&(first_date(b), &b.key)));
    for group in ordered {
        let Some(start) = first_date(&group) else {
            continue;
        };
        report.rows_used += group.payments.len();
        report.scheduled += group.scheduled.len();
        let client = group.client.as_ref().map(|name| {
            client_ids
                .entry(normalise(name))
                .or_insert_with(|| {
                    let id = unique(&mut used_ids, slug(name, "client"));
                    clients.push(DraftClient {
                        id: id.clone(),
                        name: name.clone(),
                    });
                    id
                })
                .clone()
        });
        let kind = if group.kinds.contains(&EarningKind::Hourly) {
            Some(ContractKind::Hourly)
        } else if group.kinds.contains(&EarningKind::Fixed) {
            Some(ContractKind::Fixed)
        } else {
            None
        };
        let hourly_rate = group
            .rates
            .iter()
            .max_by_key(|(date, _)| *date)
            .map(|(_, rate)| *rate)
            .or_else(|| rate_from_hours(&group.billed));
        let base = match (&group.contract_id, &group.client, &group.title, kind) {
            (Some(id), _, _, _) => id.clone(),
            (None, client, Some(title), _) => {
                let client = client.as_deref().map(|c| slug(c, "client"));
                match client {
                    Some(client) => format!("{client}-{}", slug(title, "contract")),
                    None => slug(title, "contract"),
                }
            }
            (None, client, None, kind) => {
                let client = slug(client.as_deref().unwrap_or(""), "client");
                let what = match (kind, hourly_rate) {
                    (Some(ContractKind::Hourly), Some(rate)) => {
                        format!("hourly-{}", slug(&rate.to_string(), "rate"))
                    }
                    (Some(kind), _) => kind.as_str().to_string(),
                    (None, _) => "contract".to_string(),
                };
                format!("{client}-{what}")
            }
        };
        let id = unique(&mut used_ids, base);
        let mut contract = DraftContract {
            id,
            client,
            client_name: group.client.clone(),
            title: group.title.clone(),
            kind,
            start,
            last_payment: group.payments.iter().map(|p| p.date).max(),
            rows: group.payments.len() + group.scheduled.len() + group.rows,
            payments: group.payments,
            refunds: group.refunds,
            scheduled: group.scheduled,
            hourly_rate: if kind == Some(ContractKind::Fixed) {
                None
            } else {
                hourly_rate
            },
            billed: group
                .billed
                .iter()
                .map(|(date, minutes, _)| Billed {
                    date: *date,
                    minutes: *minutes,
                })
                .collect(),
            fees: group.fees,
            upwork_contract_id: group.contract_id,
            source: group.source,
            unknowns: Vec::new(),
        };
        contract.recompute_unknowns();
        contracts.push(contract);
    }
    Draft { clients, contracts }
}

/// Amount ÷ hours over the rows that carry both, to the cent.
fn rate_from_hours(billed: &[(NaiveDate, i64, Money)]) -> Option<Money> {
    let minutes = billed
        .iter()
        .fold(0i64, |sum, (_, m, _)| sum.saturating_add(*m));
    let amount = Money::checked_sum(billed.iter().map(|(_, _, a)| *a))?;
    if minutes <= 0 || amount.is_negative() {
        return None;
    }
    amount.mul_ratio_round_half_up(60, minutes)
}

pub(crate) fn unique(used: &mut BTreeSet<String>, base: String) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    let mut n = 2u32;
    loop {
        let candidate = format!("{base}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n = n.saturating_add(1);
    }
}
