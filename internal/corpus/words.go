package corpus

// The word pools the generator draws from. French pools carry accents,
// apostrophes and the punctuation French typography rewrites, so that the
// Markdown stage does its real work on them.

var words = map[string][]string{
	"en": {
		"cluster", "partners", "companies", "research", "laboratory", "clinical", "trials", "vaccine", "diagnostics",
		"biotechnology", "innovation", "regional", "international", "market", "investment", "platform", "expertise",
		"patients", "hospital", "university", "start-up", "development", "manufacturing", "quality", "regulatory",
		"approval", "screening", "molecules", "antibodies", "cell", "therapy", "immune", "response", "infectious",
		"diseases", "oncology", "medical", "devices", "imaging", "data", "analysis", "network", "consortium",
		"mission", "delegation", "meetings", "agreements", "licensing", "export", "strategy", "training", "skills",
		"funding", "European", "programme", "support", "services", "technology", "transfer", "scale-up", "production",
		"facilities", "the", "a", "of", "and", "with", "for", "in", "to", "its", "their", "new", "several", "leading",
		"shared", "joint", "successful", "early", "stage", "projects", "results", "customers", "suppliers", "teams",
		"experts", "biomarkers", "assays", "bioprocessing", "genomics", "sequencing", "personalised", "medicine",
		"prevention", "care", "pathways", "evidence", "industry", "academic", "collaboration", "between", "across",
		"since", "over", "years", "growth", "employees", "customers'", "partner's", "don't", "it's",
	},
	"fr": {
		"cluster", "partenaires", "entreprises", "recherche", "laboratoire", "essais", "cliniques", "vaccin",
		"diagnostic", "biotechnologies", "innovation", "régional", "international", "marché", "investissement",
		"plateforme", "expertise", "patients", "hôpital", "université", "jeune", "pousse", "développement",
		"fabrication", "qualité", "réglementaire", "autorisation", "criblage", "molécules", "anticorps", "cellule",
		"thérapie", "réponse", "immunitaire", "maladies", "infectieuses", "oncologie", "dispositifs", "médicaux",
		"imagerie", "données", "analyse", "réseau", "consortium", "mission", "délégation", "rencontres", "accords",
		"licences", "exportation", "stratégie", "formation", "compétences", "financement", "européen", "programme",
		"soutien", "services", "technologie", "transfert", "industrialisation", "production", "équipements", "le",
		"la", "les", "des", "du", "de", "et", "avec", "pour", "dans", "à", "au", "aux", "leur", "leurs", "nouveaux",
		"plusieurs", "première", "commun", "réussi", "précoce", "stade", "projets", "résultats", "clients",
		"fournisseurs", "équipes", "experts", "biomarqueurs", "bioproduction", "génomique", "séquençage", "médecine",
		"personnalisée", "prévention", "soins", "parcours", "preuves", "industrie", "académique", "coopération",
		"entre", "depuis", "années", "croissance", "salariés", "l'entreprise", "l'équipe", "d'affaires", "qu'il",
		"élevé", "été", "où", "déjà", "très", "ça", "naïve", "Noël", "œuvre", "cœur", "sœur", "façon", "reçu",
	},
}

// Organisation names are made of a prefix, a root and a kind.
var (
	namePrefix = []string{"Bio", "Gen", "Immu", "Vax", "Onco", "Cell", "Neuro", "Medi", "Thera", "Cyto", "Nova",
		"Lumi", "Helix", "Proteo", "Myco", "Cardio", "Derma", "Hema", "Nano", "Pharma"}
	nameRoot = []string{"gen", "tech", "pharm", "vance", "cure", "logic", "sense", "path", "core", "vita", "line",
		"scan", "form", "sys", "quest", "nova", "tide", "wave"}
	nameKind = []struct{ en, fr string }{
		{"Therapeutics", "Thérapeutique"}, {"Diagnostics", "Diagnostic"}, {"Biotech", "Biotech"},
		{"Laboratories", "Laboratoires"}, {"Pharma", "Pharma"}, {"Medical", "Médical"},
		{"Biosciences", "Biosciences"}, {"Health", "Santé"}, {"Research Institute", "Institut de recherche"},
		{"University Hospital", "Centre hospitalier universitaire"},
	}
)

// place is a city with its region, country, time zone and coordinates.
type place struct {
	City, Region, Country, TimeZone string
	Lat, Lon                        float64
}

var places = []place{
	{"Lyon", "Auvergne-Rhône-Alpes", "FR", "Europe/Paris", 45.76, 4.84},
	{"Marcy-l'Étoile", "Auvergne-Rhône-Alpes", "FR", "Europe/Paris", 45.78, 4.71},
	{"Grenoble", "Auvergne-Rhône-Alpes", "FR", "Europe/Paris", 45.19, 5.72},
	{"Nantes", "Pays de la Loire", "FR", "Europe/Paris", 47.22, -1.55},
	{"Évry", "Île-de-France", "FR", "Europe/Paris", 48.63, 2.44},
	{"Montpellier", "Occitanie", "FR", "Europe/Paris", 43.61, 3.88},
	{"Barcelona", "Catalonia", "ES", "Europe/Madrid", 41.39, 2.17},
	{"Sevilla", "Andalucía", "ES", "Europe/Madrid", 37.39, -5.98},
	{"München", "Bavaria", "DE", "Europe/Berlin", 48.14, 11.58},
	{"Martinsried", "Bavaria", "DE", "Europe/Berlin", 48.11, 11.46},
	{"Heidelberg", "Baden-Württemberg", "DE", "Europe/Berlin", 49.40, 8.67},
	{"Kraków", "Lesser Poland", "PL", "Europe/Warsaw", 50.06, 19.94},
	{"Wrocław", "Lower Silesia", "PL", "Europe/Warsaw", 51.11, 17.03},
	{"Liège", "Wallonia", "BE", "Europe/Brussels", 50.63, 5.57},
	{"Gosselies", "Wallonia", "BE", "Europe/Brussels", 50.47, 4.43},
	{"Milano", "Lombardy", "IT", "Europe/Rome", 45.46, 9.19},
	{"Göteborg", "Västra Götaland", "SE", "Europe/Stockholm", 57.71, 11.97},
	{"Boston", "Massachusetts", "US", "America/New_York", 42.36, -71.06},
	{"São Paulo", "São Paulo", "BR", "America/Sao_Paulo", -23.55, -46.63},
	{"Shanghai", "Shanghai", "CN", "Asia/Shanghai", 31.23, 121.47},
}

var (
	markets      = []string{"US", "CN", "BR", "IN", "JP", "CA", "GB", "CH", "KR", "SG", "MX", "ZA"}
	orgTypes     = []string{"company", "sme", "sme", "sme", "cro", "lab", "hospital", "university"}
	competencies = []string{"infectious-diseases", "immunology", "oncology", "biotechnology", "biomedicine", "medtech",
		"diagnostics", "vaccines", "personalised-medicine", "biotherapies", "internationalisation"}
	therapeuticAreas = []string{"infectious-diseases", "immune-disorders", "cancer", "neurology", "cardiology"}
	missionTypes     = []string{"exploratory-trip", "business-mission", "event", "training", "expert-visit"}
	technologies     = []string{"mRNA", "CRISPR", "Monoclonal antibodies", "Flow cytometry", "Mass spectrometry",
		"Next-generation sequencing", "Microfluidics", "Bioprinting", "AI-assisted imaging", "Cell culture"}
	services = map[string][]string{
		"en": {"Contract research", "Clinical trials", "Regulatory affairs", "GMP manufacturing", "Training", "Market access", "Bioinformatics"},
		"fr": {"Recherche sous contrat", "Essais cliniques", "Affaires réglementaires", "Production BPF", "Formation", "Accès au marché", "Bio-informatique"},
	}
	people = []string{"Isabelle Martin", "José García", "Łukasz Nowak", "Anne-Sophie Lefèvre", "Jürgen Müller",
		"Chloé Dubois", "Björn Svensson", "Marta Kowalska", "Hélène Roux", "Giulia Rossi", "François Nguyen", "Zoë Peeters"}
	roles = map[string][]string{
		"en": {"Chief executive officer", "Head of business development", "Scientific director", "International project manager"},
		"fr": {"Directrice générale", "Responsable du développement commercial", "Directeur scientifique", "Cheffe de projet international"},
	}
	newsTags = []string{"partnership", "funding", "event", "award", "clinical", "export"}
)

// vocabulary is the site.yaml vocabularies, with their labels.
var vocabulary = []struct {
	name string
	keys [][3]string // key, en, fr
}{
	{"orgType", [][3]string{
		{"agency", "Regional development agency", "Agence régionale de développement"},
		{"cluster", "Cluster organisation", "Organisation de cluster"},
		{"company", "Company", "Entreprise"},
		{"sme", "SME", "PME"},
		{"cro", "Contract research organisation (CRO)", "Société de recherche sous contrat (CRO)"},
		{"lab", "Laboratory", "Laboratoire"},
		{"hospital", "Hospital", "Hôpital"},
		{"university", "University", "Université"},
	}},
	{"competency", [][3]string{
		{"infectious-diseases", "Infectious diseases", "Maladies infectieuses"},
		{"immunology", "Immunology", "Immunologie"},
		{"oncology", "Oncology", "Oncologie"},
		{"biotechnology", "Biotechnology", "Biotechnologies"},
		{"biomedicine", "Biomedicine", "Biomédecine"},
		{"medtech", "Medical technology", "Technologies médicales"},
		{"diagnostics", "Diagnostics", "Diagnostic"},
		{"vaccines", "Vaccines", "Vaccins"},
		{"personalised-medicine", "Personalised medicine", "Médecine personnalisée"},
		{"biotherapies", "Biotherapies", "Biothérapies"},
		{"internationalisation", "Internationalisation", "Internationalisation"},
	}},
	{"missionType", [][3]string{
		{"exploratory-trip", "Exploratory trip", "Voyage exploratoire"},
		{"business-mission", "Business mission", "Mission d'affaires"},
		{"event", "Event", "Événement"},
		{"training", "Training", "Formation"},
		{"expert-visit", "Expert visit", "Visite d'experts"},
	}},
	{"therapeuticArea", [][3]string{
		{"infectious-diseases", "Infectious diseases", "Maladies infectieuses"},
		{"immune-disorders", "Immune disorders", "Maladies du système immunitaire"},
		{"cancer", "Cancer", "Cancer"},
		{"neurology", "Neurology", "Neurologie"},
		{"cardiology", "Cardiology", "Cardiologie"},
	}},
}

// headings per kind and language, drawn in order for a body's sections.
var headings = map[string]map[string][]string{
	"partner": {
		"en": {"About the company", "Technologies and services", "Key figures", "International markets", "Working with the cluster", "Recent projects"},
		"fr": {"À propos de l'entreprise", "Technologies et services", "Chiffres clés", "Marchés internationaux", "Travailler avec le cluster", "Projets récents"},
	},
	"cluster": {
		"en": {"Our members", "Strategy", "Key figures", "Services to companies", "International cooperation"},
		"fr": {"Nos membres", "Stratégie", "Chiffres clés", "Services aux entreprises", "Coopération internationale"},
	},
	"mission": {
		"en": {"Programme", "Who took part", "Key figures", "Outcomes", "Next steps"},
		"fr": {"Programme", "Participants", "Chiffres clés", "Retombées", "Prochaines étapes"},
	},
	"interview": {
		"en": {"What does your organisation do?", "Why did you join the consortium?", "What did the missions bring you?", "Key figures", "What comes next?"},
		"fr": {"Que fait votre organisation ?", "Pourquoi avoir rejoint le consortium ?", "Qu'ont apporté les missions ?", "Chiffres clés", "Et ensuite ?"},
	},
	"news": {
		"en": {"The announcement", "Background", "Key figures", "What it means for members"},
		"fr": {"L'annonce", "Contexte", "Chiffres clés", "Ce que cela change pour les membres"},
	},
	"page": {
		"en": {"Overview", "How we work", "Key figures", "Contact"},
		"fr": {"Présentation", "Notre méthode", "Chiffres clés", "Contact"},
	},
}
