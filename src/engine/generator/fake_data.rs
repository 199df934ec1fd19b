//! The generator's fake data: names, addresses, companies, internet, lorem ipsum… drawn from
//! the `fake` crate's tables with the sandbox's seeded RNG. An extension
//! (`engine::extension::FakeData`): the site fetches it the first time a template needs it.

use super::helpers::{capitalize, pick, range_from, Lorem, Simple, BASE58};
use super::words;
use crate::engine::extension::FakeData;
use crate::engine::SandboxRng;
use fake::faker::{
    address::en as address, company::en as company, currency::en as currency,
    filesystem::en as filesystem, finance::en as finance, internet::en as internet, job::en as job,
    lorem::en as lorem, name::en as name, phone_number::en as phone,
};
use fake::Fake;
use std::fmt::Write;

/// The table the engine calls through.
pub static FAKE_DATA: FakeData = FakeData {
    simple: render_simple,
    lorem: render_lorem,
};

macro_rules! fk {
    ($faker:expr, $rng:expr) => {
        $faker.fake_with_rng::<String, _>($rng)
    };
}

macro_rules! fkv {
    ($faker:expr, $rng:expr) => {
        $faker.fake_with_rng::<Vec<String>, _>($rng)
    };
}

fn sentence(rng: &mut SandboxRng, words: Option<usize>) -> String {
    let n = range_from(words, rng, 3, 10).max(1);
    let ws: Vec<String> = fkv!(lorem::Words(n..n + 1), rng);
    format!("{}.", capitalize(&ws.join(" ")))
}

fn sentences(rng: &mut SandboxRng, n: usize, sep: &str) -> String {
    (0..n)
        .map(|_| sentence(rng, None))
        .collect::<Vec<_>>()
        .join(sep)
}

fn domain_word(rng: &mut SandboxRng) -> String {
    let w: String = fk!(name::LastName(), rng);
    w.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

fn render_lorem(kind: Lorem, n: Option<usize>, rng: &mut SandboxRng, out: &mut String) {
    let n = &n;
    let text = match kind {
        Lorem::Words => {
            let n = n.unwrap_or(3);
            let ws: Vec<String> = fkv!(lorem::Words(n..n + 1), rng);
            ws.join(" ")
        }
        Lorem::Sentence => sentence(rng, *n),
        Lorem::Sentences => {
            let n = range_from(*n, rng, 2, 6);
            sentences(rng, n, " ")
        }
        Lorem::Paragraph => sentences(rng, n.unwrap_or(3), " "),
        Lorem::Paragraphs => (0..n.unwrap_or(3))
            .map(|_| sentences(rng, 3, " "))
            .collect::<Vec<_>>()
            .join("\n \r"),
        Lorem::Lines => {
            let n = range_from(*n, rng, 1, 5);
            sentences(rng, n, "\n")
        }
    };
    out.push_str(&text);
}

fn render_simple(s: Simple, rng: &mut SandboxRng, out: &mut String) {
    use Simple as S;
    let text: String = match s {
        S::Uuid => {
            let hi = rng.next_u64();
            let lo = rng.next_u64();
            let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
            let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
            let _ = write!(
                out,
                "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
                hi >> 32,
                (hi >> 16) & 0xFFFF,
                hi & 0xFFFF,
                lo >> 48,
                lo & 0xFFFF_FFFF_FFFF
            );
            return;
        }
        S::Boolean => {
            out.push_str(if rng.below(2) == 1 { "true" } else { "false" });
            return;
        }
        S::RandomWord => match rng.below(6) {
            0 => pick(rng, words::DEPARTMENTS).to_string(),
            1 => pick(rng, words::PRODUCT_ADJECTIVES).to_string(),
            2 => pick(rng, words::PRODUCTS).to_string(),
            3 => pick(rng, words::COLORS).to_string(),
            4 => fk!(company::Buzzword(), rng),
            _ => fk!(company::BsNoun(), rng),
        },
        S::FirstName => fk!(name::FirstName(), rng),
        S::LastName => fk!(name::LastName(), rng),
        S::FullName => fk!(name::Name(), rng),
        S::NamePrefix => fk!(name::Title(), rng),
        S::NameSuffix => fk!(name::Suffix(), rng),
        S::JobTitle => fk!(job::Title(), rng),
        S::JobDescriptor => fk!(job::Seniority(), rng),
        S::JobArea => fk!(job::Field(), rng),
        S::JobType => fk!(job::Position(), rng),
        S::Email => fk!(internet::FreeEmail(), rng),
        S::ExampleEmail => fk!(internet::SafeEmail(), rng),
        S::UserName => fk!(internet::Username(), rng),
        S::Protocol => pick(rng, words::PROTOCOLS).to_string(),
        S::Url => {
            let w = domain_word(rng);
            let suffix: String = fk!(internet::DomainSuffix(), rng);
            format!("{}://{w}.{suffix}", pick(rng, words::PROTOCOLS))
        }
        S::DomainName => {
            let w = domain_word(rng);
            let suffix: String = fk!(internet::DomainSuffix(), rng);
            format!("{w}.{suffix}")
        }
        S::DomainSuffix => fk!(internet::DomainSuffix(), rng),
        S::DomainWord => domain_word(rng),
        S::Ip => fk!(internet::IPv4(), rng),
        S::Ipv6 => fk!(internet::IPv6(), rng),
        S::UserAgent => fk!(internet::UserAgent(), rng),
        S::HexColor => format!("#{:06x}", rng.below(1 << 24)),
        S::Mac => fk!(internet::MACAddress(), rng),
        S::Password => fk!(internet::Password(15..16), rng),
        S::Avatar => {
            let user: String = fk!(internet::Username(), rng);
            format!("https://s3.amazonaws.com/uifaces/faces/twitter/{user}/128.jpg")
        }
        S::ZipCode => fk!(address::ZipCode(), rng),
        S::City => fk!(address::CityName(), rng),
        S::CityPrefix => fk!(address::CityPrefix(), rng),
        S::CitySuffix => fk!(address::CitySuffix(), rng),
        S::StreetName => fk!(address::StreetName(), rng),
        S::StreetAddress => {
            let n: String = fk!(address::BuildingNumber(), rng);
            let street: String = fk!(address::StreetName(), rng);
            format!("{n} {street}")
        }
        S::StreetSuffix => fk!(address::StreetSuffix(), rng),
        S::SecondaryAddress => fk!(address::SecondaryAddress(), rng),
        S::Country => fk!(address::CountryName(), rng),
        S::CountryCode => fk!(address::CountryCode(), rng),
        S::State => fk!(address::StateName(), rng),
        S::StateAbbr => fk!(address::StateAbbr(), rng),
        S::Latitude => format!("{:.4}", rng.below(1_800_001) as f64 / 10_000.0 - 90.0),
        S::Longitude => format!("{:.4}", rng.below(3_600_001) as f64 / 10_000.0 - 180.0),
        S::ProductName => format!(
            "{} {} {}",
            pick(rng, words::PRODUCT_ADJECTIVES),
            pick(rng, words::PRODUCT_MATERIALS),
            pick(rng, words::PRODUCTS)
        ),
        S::CompanyName => fk!(company::CompanyName(), rng),
        S::CompanySuffix => fk!(company::CompanySuffix(), rng),
        S::CompanySuffixes => "Inc,and Sons,LLC,Group".into(),
        S::CatchPhrase => fk!(company::CatchPhrase(), rng),
        S::CatchPhraseAdjective => fk!(company::Buzzword(), rng),
        S::CatchPhraseDescriptor => fk!(company::BuzzwordMiddle(), rng),
        S::CatchPhraseNoun => fk!(company::BuzzwordTail(), rng),
        S::Bs => fk!(company::Bs(), rng),
        S::BsAdjective => fk!(company::BsAdj(), rng),
        S::BsBuzz => fk!(company::BsVerb(), rng),
        S::BsNoun => fk!(company::BsNoun(), rng),
        S::AccountName => format!("{} Account", pick(rng, words::ACCOUNT_TYPES)),
        S::CurrencyCode => fk!(currency::CurrencyCode(), rng),
        S::CurrencyName => fk!(currency::CurrencyName(), rng),
        S::CurrencySymbol => fk!(currency::CurrencySymbol(), rng),
        S::BitcoinAddress => {
            let len = 25 + rng.below(10) as usize;
            let first = if rng.below(2) == 0 { '1' } else { '3' };
            format!("{first}{}", rng.string_from(BASE58, len - 1))
        }
        S::Bic => fk!(finance::Bic(), rng),
        S::HackerPhrase => match rng.below(4) {
            0 => format!(
                "If we {} the {}, we can get to the {} {} through the {} {} {}!",
                pick(rng, words::HACKER_VERBS),
                pick(rng, words::HACKER_NOUNS),
                pick(rng, words::HACKER_ABBREVIATIONS),
                pick(rng, words::HACKER_NOUNS),
                pick(rng, words::HACKER_ADJECTIVES),
                pick(rng, words::HACKER_ABBREVIATIONS),
                pick(rng, words::HACKER_NOUNS)
            ),
            1 => format!(
                "We need to {} the {} {} {}!",
                pick(rng, words::HACKER_VERBS),
                pick(rng, words::HACKER_ADJECTIVES),
                pick(rng, words::HACKER_ABBREVIATIONS),
                pick(rng, words::HACKER_NOUNS)
            ),
            2 => format!(
                "Try to {} the {} {}, maybe it will {} the {} {}!",
                pick(rng, words::HACKER_VERBS),
                pick(rng, words::HACKER_ABBREVIATIONS),
                pick(rng, words::HACKER_NOUNS),
                pick(rng, words::HACKER_VERBS),
                pick(rng, words::HACKER_ADJECTIVES),
                pick(rng, words::HACKER_NOUNS)
            ),
            _ => format!(
                "{} the {} won't do anything, we need to {} the {} {} {}!",
                capitalize(pick(rng, words::HACKER_ING_VERBS)),
                pick(rng, words::HACKER_NOUNS),
                pick(rng, words::HACKER_VERBS),
                pick(rng, words::HACKER_ADJECTIVES),
                pick(rng, words::HACKER_ABBREVIATIONS),
                pick(rng, words::HACKER_NOUNS)
            ),
        },
        S::LoremWord => fk!(lorem::Word(), rng),
        S::LoremSlug => {
            let ws: Vec<String> = fkv!(lorem::Words(3..4), rng);
            ws.join("-")
        }
        S::LoremText => match rng.below(4) {
            0 => fk!(lorem::Word(), rng),
            1 => sentence(rng, None),
            2 => sentences(rng, 3, " "),
            _ => sentences(rng, 5, " "),
        },
        S::PhoneNumber => fk!(phone::PhoneNumber(), rng),
        S::FileName => fk!(filesystem::FileName(), rng),
        S::CommonFileName => {
            let ws: Vec<String> = fkv!(lorem::Words(2..3), rng);
            format!(
                "{}.{}",
                ws.join("_"),
                pick(rng, words::COMMON_FILE_EXTENSIONS)
            )
        }
        S::MimeType => fk!(filesystem::MimeType(), rng),
        S::CommonFileType => pick(rng, words::FILE_TYPES).to_string(),
        S::CommonFileExt => pick(rng, words::COMMON_FILE_EXTENSIONS).to_string(),
        S::FileType => {
            let mime = pick(rng, words::COMMON_MIME_TYPES);
            mime.split('/').next().unwrap_or(mime).to_string()
        }
        S::FileExt => fk!(filesystem::FileExtension(), rng),
        S::DirectoryPath => fk!(filesystem::DirPath(), rng),
        S::FilePath => fk!(filesystem::FilePath(), rng),
        S::Semver => fk!(filesystem::Semver(), rng),
        S::Image => format!(
            "http://lorempixel.com/640/480/{}",
            pick(rng, words::IMAGE_CATEGORIES)
        ),
    };
    out.push_str(&text);
}
