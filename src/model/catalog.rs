//! The 18 questions of Chapter 6 of the LIMSWiki guide *Choosing and
//! Implementing a Cloud-based Service for Your Laboratory* (Shawn E. Douglas,
//! 2nd ed. 2023, CC BY-SA 4.0), grouped into the 8 domains of the radar.

use std::fmt;

/// Attribution shown in the footer, README and every export.
pub const ATTRIBUTION: &str = "Questions quoted from \"Choosing and Implementing a Cloud-based Service for Your Laboratory\", Shawn E. Douglas, LIMSWiki, 2nd ed. 2023, CC BY-SA 4.0.";
/// Where the guide lives.
pub const GUIDE_URL: &str =
    "https://www.limswiki.org/index.php/LII:Choosing_and_Implementing_a_Cloud-based_Service_for_Your_Laboratory";

/// A radar axis: a group of questions about one concern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Domain {
    Fit,
    Availability,
    Location,
    Access,
    Compliance,
    Security,
    Logging,
    Exit,
}

impl Domain {
    /// Radar order, clockwise from the top.
    pub const ALL: [Domain; 8] = [
        Domain::Fit,
        Domain::Availability,
        Domain::Location,
        Domain::Access,
        Domain::Compliance,
        Domain::Security,
        Domain::Logging,
        Domain::Exit,
    ];

    /// Stable id used in JSON, links and `data-domain`.
    pub fn id(self) -> &'static str {
        match self {
            Domain::Fit => "fit",
            Domain::Availability => "availability",
            Domain::Location => "location",
            Domain::Access => "access",
            Domain::Compliance => "compliance",
            Domain::Security => "security",
            Domain::Logging => "logging",
            Domain::Exit => "exit",
        }
    }

    /// What a lab reads on the radar axis.
    pub fn label(self) -> &'static str {
        match self {
            Domain::Fit => "Fit & integration",
            Domain::Availability => "Availability & support",
            Domain::Location => "Data location & transfer",
            Domain::Access => "Access & isolation",
            Domain::Compliance => "Regulated data",
            Domain::Security => "Security assurance",
            Domain::Logging => "Logging & audit",
            Domain::Exit => "Exit & continuity",
        }
    }

    /// The axis label in two lines, split before its "&": beside the radar,
    /// where a side label has only the margin to grow into, one line of
    /// "Data location & transfer" runs past a narrow screen's edge.
    pub fn label_lines(self) -> (&'static str, Option<&'static str>) {
        match self.label().split_once(" & ") {
            // The second half keeps its "&": slice from the ampersand.
            Some((first, _)) => (first, self.label().get(first.len() + 1..)),
            None => (self.label(), None),
        }
    }

    /// Position in [`Domain::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A question number, always 1..=18.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(u8);

impl QuestionId {
    /// How many questions the guide asks.
    pub const COUNT: usize = 18;

    /// q1..q18 in order.
    pub const ALL: [QuestionId; 18] = {
        let mut all = [QuestionId(1); 18];
        let mut i = 0;
        while i < 18 {
            all[i] = QuestionId(i as u8 + 1);
            i += 1;
        }
        all
    };

    /// `Some` for 1..=18.
    pub fn new(number: u64) -> Option<Self> {
        (1..=Self::COUNT as u64).contains(&number).then_some(QuestionId(number as u8))
    }

    /// Every question, in order.
    pub fn all() -> impl Iterator<Item = QuestionId> + Clone {
        Self::ALL.into_iter()
    }

    /// 1..=18.
    pub fn number(self) -> u8 {
        self.0
    }

    /// 0..=17, for per-question arrays.
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }

    /// The catalog entry.
    pub fn question(self) -> &'static Question {
        &QUESTIONS[self.index()]
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "q{}", self.0)
    }
}

/// One of the guide's questions with our default follow-up.
#[derive(Debug)]
pub struct Question {
    pub domain: Domain,
    /// Quoted from the guide.
    pub text: &'static str,
    /// Our default "what to ask" when a profile gives none.
    pub ask: &'static str,
}

/// The catalog, q1..q18 in order.
pub static QUESTIONS: [Question; 18] = [
    Question {
        domain: Domain::Fit,
        text: "What experience do you have working with laboratory customers in our specific industry?",
        ask: "Name laboratories in our industry that run on your service today, and laboratory informatics vendors that host on it; may we contact two of them?",
    },
    Question {
        domain: Domain::Fit,
        text: "Can your solution readily integrate with our other systems and business processes, making it easier for our end users to perform their tasks?",
        ask: "Show how our LIMS, instruments and identity provider would connect (APIs, SDKs, connectors), and who builds and maintains those integrations.",
    },
    Question {
        domain: Domain::Availability,
        text: "What is the average total historical downtime for the service(s) we're interested in?",
        ask: "Give the measured downtime and incident history of the services we would use over the last three years, and what the SLA pays when it is missed.",
    },
    Question {
        domain: Domain::Availability,
        text: "Do we receive comprehensive downtime support in the case of downtime?",
        ask: "What support, response times and escalation path do we get during an outage under the plan we would buy?",
    },
    Question {
        domain: Domain::Location,
        text: "Where are your servers located, and how is data securely transferred to and from those servers?",
        ask: "In which regions and data centres would our data and backups live, can we pin them, and how is data encrypted in transit and at rest?",
    },
    Question {
        domain: Domain::Access,
        text: "Who will have access to our data (including subcontractors), and what credentials, certifications, and compliance training do they have?",
        ask: "List the staff roles and subcontractors who can reach our data, how access is approved and logged, and the training and vetting they receive.",
    },
    Question {
        domain: Domain::Compliance,
        text: "Will our sensitive and regulated data be stored on a machine dedicated to complying with the necessary regulations?",
        ask: "Which regulations (HIPAA, CLIA, GDPR, 21 CFR Part 11) do the hosts holding our data meet, and what evidence can you share?",
    },
    Question {
        domain: Domain::Access,
        text: "How segregated is our cloud data from another customer's, i.e., will lapses of security of another customer's cloud affect our cloud?",
        ask: "How is our data isolated from other tenants (logical, network, physical), and what dedicated-host options exist?",
    },
    Question {
        domain: Domain::Security,
        text: "Do you have documented data security policies?",
        ask: "Send your information security policies and the latest independent audit reports (for example SOC 2 Type II, ISO/IEC 27001).",
    },
    Question {
        domain: Domain::Security,
        text: "How do you test your platform's security?",
        ask: "How often is the platform penetration-tested, by whom, and can we see a summary of the latest findings and fixes?",
    },
    Question {
        domain: Domain::Security,
        text: "What are your policies for security audits, intrusion detection, and intrusion reporting?",
        ask: "How are intrusions detected on your own infrastructure, and how soon and how are affected customers told of a breach?",
    },
    Question {
        domain: Domain::Logging,
        text: "What data logging information is kept and acted upon in relation to our data?",
        ask: "Which events touching our data do you log, how long are logs kept, and who reviews them?",
    },
    Question {
        domain: Domain::Logging,
        text: "How thorough are those logs and can we audit them on-demand?",
        ask: "Can we obtain or audit the provider-side logs about our data on demand, and in what format?",
    },
    Question {
        domain: Domain::Compliance,
        text: "For HIPAA-eligible data (e-PHI) we may have, will you sign a business associate agreement?",
        ask: "Will you sign our business associate agreement, and which of your services are covered by it?",
    },
    Question {
        domain: Domain::Exit,
        text: "What happens to our data should the contract expire or be terminated?",
        ask: "After the contract ends, how long is our data kept, how do we retrieve it, and how is its deletion certified?",
    },
    Question {
        domain: Domain::Exit,
        text: "What happens to our data should you go out of business or suffer a catastrophic event?",
        ask: "What disaster recovery and business continuity plans cover our data, how often are they tested, and what are the RPO and RTO?",
    },
    Question {
        domain: Domain::Exit,
        text: "Can we use your interface to extract our data when we want, and in what format will it be?",
        ask: "Can we export all of our data ourselves at any time, in which open formats, and at what cost?",
    },
    Question {
        domain: Domain::Availability,
        text: "Are your support services native or outsourced/offshored?",
        ask: "Who answers our support calls (your staff or a contractor), from which countries, and in which languages and hours?",
    },
];
