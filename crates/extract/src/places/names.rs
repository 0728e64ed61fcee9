//! Hand-kept name tables the GeoNames files do not carry: the English names news uses for
//! countries ("U.S.", "Britain", "Burma"), first-level areas outside the US (UK nations,
//! Canadian provinces, Australian states), the abbreviations that follow a US city ("Paris,
//! Tex.", "Portland, Ore."). Data only; the nationality words that tell which country a
//! document is about are in the table the relations share (`crate::demonyms`).

/// Extra names for countries (ISO code, name). The GeoNames name is always indexed too.
pub const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "U.S."), ("US", "US"), ("US", "U.S.A."), ("US", "USA"), ("US", "America"),
    ("US", "United States of America"), ("US", "the United States"),
    ("GB", "UK"), ("GB", "U.K."), ("GB", "Britain"), ("GB", "Great Britain"),
    ("GB", "United Kingdom of Great Britain and Northern Ireland"),
    ("RU", "Russian Federation"), ("CZ", "Czech Republic"), ("CI", "Cote d'Ivoire"),
    ("MM", "Burma"), ("NL", "Netherlands"), ("NL", "Holland"), ("VA", "Vatican"), ("VA", "Holy See"),
    ("VA", "Vatican City"), ("PS", "Palestine"), ("PS", "Palestinian Territories"),
    ("PS", "State of Palestine"), ("CD", "DRC"), ("CD", "Democratic Republic of Congo"), ("CD", "DR Congo"), ("CD", "Congo-Kinshasa"),
    ("CD", "Congo"), ("CG", "Congo"), ("CG", "Congo-Brazzaville"), ("CG", "Republic of Congo"),
    ("MK", "Macedonia"), ("SZ", "Swaziland"), ("SZ", "Eswatini"), ("TR", "Turkiye"),
    ("CV", "Cape Verde"), ("TL", "East Timor"), ("AE", "UAE"), ("AE", "U.A.E."), ("AE", "Emirates"),
    ("BA", "Bosnia"), ("TT", "Trinidad"), ("KR", "Republic of Korea"), ("KP", "DPRK"),
    ("SA", "Saudi"), ("GM", "The Gambia"), ("BS", "The Bahamas"), ("PH", "The Philippines"),
    ("VN", "Viet Nam"), ("MO", "Macau"), ("BN", "Brunei Darussalam"), ("LA", "Lao PDR"),
    ("KZ", "Kazakstan"), ("KG", "Kirghizia"), ("XK", "Kosovo"), ("FM", "Federated States of Micronesia"),
    ("ST", "Sao Tome"), ("IE", "Republic of Ireland"), ("CN", "People's Republic of China"),
    ("CN", "PRC"), ("CN", "Mainland China"), ("TW", "Republic of China"), ("IR", "Persia"),
];

/// First-level areas outside the US: (ISO code, admin1 code, geonames id or 0 when not
/// checked, names, a city that must carry this admin1 code). The reference city lets the
/// builder check the code against the data instead of trusting this table.
pub const EXTRA_ADMIN1: &[(&str, &str, u32, &[&str], &str)] = &[
    ("GB", "ENG", 6269131, &["England"], "London"),
    ("GB", "SCT", 2638360, &["Scotland"], "Glasgow"),
    ("GB", "WLS", 2634895, &["Wales"], "Cardiff"),
    ("GB", "NIR", 2641364, &["Northern Ireland"], "Belfast"),
    ("CA", "01", 0, &["Alberta"], "Calgary"),
    ("CA", "02", 0, &["British Columbia", "B.C."], "Vancouver"),
    ("CA", "03", 0, &["Manitoba"], "Winnipeg"),
    ("CA", "04", 0, &["New Brunswick"], "Moncton"),
    ("CA", "05", 0, &["Newfoundland and Labrador", "Newfoundland"], "St. John's"),
    ("CA", "07", 0, &["Nova Scotia"], "Halifax"),
    ("CA", "08", 0, &["Ontario"], "Toronto"),
    ("CA", "09", 0, &["Prince Edward Island"], "Charlottetown"),
    ("CA", "10", 0, &["Quebec"], "Montreal"),
    ("CA", "11", 0, &["Saskatchewan"], "Regina"),
    ("AU", "01", 0, &["Australian Capital Territory"], "Canberra"),
    ("AU", "02", 0, &["New South Wales"], "Sydney"),
    ("AU", "03", 0, &["Northern Territory"], "Darwin"),
    ("AU", "04", 0, &["Queensland"], "Brisbane"),
    ("AU", "05", 0, &["South Australia"], "Adelaide"),
    ("AU", "06", 0, &["Tasmania"], "Hobart"),
    ("AU", "07", 0, &["Victoria"], "Melbourne"),
    ("AU", "08", 0, &["Western Australia"], "Perth"),
];

/// Abbreviations of US states as written after a city in news copy (AP style and postal
/// codes are both common): (postal code, abbreviations). Only used as a containing area
/// after a comma ("Portland, Ore."), never as a place name on their own.
pub const US_STATE_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("AL", &["Ala."]), ("AZ", &["Ariz."]), ("AR", &["Ark."]), ("CA", &["Calif.", "Cal."]),
    ("CO", &["Colo."]), ("CT", &["Conn."]), ("DE", &["Del."]), ("DC", &["D.C."]), ("FL", &["Fla."]),
    ("GA", &["Ga."]), ("IL", &["Ill."]), ("IN", &["Ind."]), ("KS", &["Kan.", "Kans."]), ("KY", &["Ky."]),
    ("LA", &["La."]), ("MD", &["Md."]), ("MA", &["Mass."]), ("MI", &["Mich."]), ("MN", &["Minn."]),
    ("MS", &["Miss."]), ("MO", &["Mo."]), ("MT", &["Mont."]), ("NE", &["Neb.", "Nebr."]), ("NV", &["Nev."]),
    ("NH", &["N.H."]), ("NJ", &["N.J."]), ("NM", &["N.M.", "N.Mex."]), ("NY", &["N.Y."]), ("NC", &["N.C."]),
    ("ND", &["N.D.", "N.Dak."]), ("OK", &["Okla."]), ("OR", &["Ore.", "Oreg."]), ("PA", &["Pa.", "Penn."]),
    ("RI", &["R.I."]), ("SC", &["S.C."]), ("SD", &["S.D.", "S.Dak."]), ("TN", &["Tenn."]), ("TX", &["Tex."]),
    ("VT", &["Vt."]), ("VA", &["Va."]), ("WA", &["Wash."]), ("WV", &["W.Va.", "W.V."]), ("WI", &["Wis.", "Wisc."]),
    ("WY", &["Wyo."]),
];

