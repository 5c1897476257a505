//! How contracts and clients are named in sentences: by the words the user gave them (a title,
//! a client's name), and by an id only when nothing else was given, because people recognise
//! "Inventory dashboard" and not "k16".

use rustc_hash::FxHashMap;

use crate::scenario::{Contract, Scenario};

impl Scenario {
    /// The client's name, or its id when the scenario does not list it (or names it blank).
    pub fn client_name<'a>(&'a self, client_id: &'a str) -> &'a str {
        self.clients
            .iter()
            .find(|c| c.id == client_id && !c.name.trim().is_empty())
            .map_or(client_id, |c| c.name.as_str())
    }

    /// The contract as a sentence names it: its title in quotes, else "the contract with" its
    /// client, else its id (a contract the scenario does not hold).
    pub fn contract_name(&self, contract_id: &str) -> String {
        match self.contracts.iter().find(|c| c.id == contract_id) {
            Some(contract) => self.name_of(contract),
            None => contract_id.to_owned(),
        }
    }

    /// [`Scenario::contract_name`] for a contract at hand.
    pub fn name_of(&self, contract: &Contract) -> String {
        match contract.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => format!("“{title}”"),
            _ => format!("the contract with {}", self.client_name(&contract.client)),
        }
    }
}

/// The same names as [`Scenario::contract_name`], for a text that names many contracts: each
/// lookup is a hash probe instead of a scan of the whole list, so a report that names every
/// refund of a 10,000-contract history stays linear in its length.
pub struct Names<'a> {
    contracts: FxHashMap<&'a str, &'a Contract>,
    clients: FxHashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(scenario: &'a Scenario) -> Names<'a> {
        // The first of equal ids wins, as the scans of `Scenario` find it.
        let mut contracts = FxHashMap::default();
        for contract in &scenario.contracts {
            contracts.entry(contract.id.as_str()).or_insert(contract);
        }
        let mut clients = FxHashMap::default();
        for client in scenario
            .clients
            .iter()
            .filter(|c| !c.name.trim().is_empty())
        {
            clients
                .entry(client.id.as_str())
                .or_insert(client.name.as_str());
        }
        Names { contracts, clients }
    }

    /// [`Scenario::contract_name`].
    pub fn contract(&self, contract_id: &str) -> String {
        match self.contracts.get(contract_id) {
            Some(contract) => self.of(contract),
            None => contract_id.to_owned(),
        }
    }

    /// The contract as a heading or a list names it: [`Contract::title_or_kind`], or the id of
    /// a contract the scenario does not hold.
    pub fn title(&self, contract_id: &str) -> String {
        match self.contracts.get(contract_id) {
            Some(contract) => contract.title_or_kind(),
            None => contract_id.to_owned(),
        }
    }

    /// [`Scenario::name_of`].
    pub fn of(&self, contract: &Contract) -> String {
        match contract.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => format!("“{title}”"),
            _ => {
                let client = contract.client.as_str();
                let name = self.clients.get(client).copied().unwrap_or(client);
                format!("the contract with {name}")
            }
        }
    }
}

impl Contract {
    /// The contract in words for a heading: its title, or its kind when it has none.
    pub fn title_or_kind(&self) -> String {
        match (self.title.as_deref().map(str::trim), &self.terms) {
            (Some(title), _) if !title.is_empty() => title.to_owned(),
            (_, crate::scenario::Terms::Hourly { .. }) => "Untitled hourly contract".to_owned(),
            (_, crate::scenario::Terms::Fixed { .. }) => "Untitled fixed-price contract".to_owned(),
        }
    }
}

/// Joins names as a sentence does: "A", "A and B", "A, B and C".
pub fn join_and(names: &[String]) -> String {
    join_with(names, "and")
}

/// Joins alternatives: "A", "A or B", "A, B or C".
pub fn join_or(names: &[String]) -> String {
    join_with(names, "or")
}

fn join_with(names: &[String], word: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&names(&[])), "");
        assert_eq!(join_and(&names(&["A"])), "A");
        assert_eq!(join_and(&names(&["A", "B"])), "A and B");
        assert_eq!(join_or(&names(&["A", "B", "C"])), "A, B or C");
    }

    #[test]
    fn the_index_names_contracts_as_the_scenario_does() {
        let scenario = crate::simulate::workload::long_history(60, 3);
        let mut scenario = scenario;
        scenario.contracts[0].title = Some("Logo".into());
        scenario.contracts[1].title = Some("  ".into());
        scenario.clients[0].name = " ".into();
        let names = Names::new(&scenario);
        for id in scenario
            .contracts
            .iter()
            .map(|c| c.id.as_str())
            .chain(["missing"])
        {
            assert_eq!(names.contract(id), scenario.contract_name(id), "{id}");
        }
    }
}
