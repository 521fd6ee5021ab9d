import type * as Call from "../call/index.js";
import { unreviewedLocales } from "../i18n/index.js";
import { awardStages } from "../stage/stages.js";

/** Latin American and Southeast Asian countries the emergency fund serves. */
const latinAmerica = [
  "AR",
  "BO",
  "BR",
  "CL",
  "CO",
  "CR",
  "CU",
  "DO",
  "EC",
  "GT",
  "HN",
  "HT",
  "MX",
  "NI",
  "PA",
  "PE",
  "PY",
  "SV",
  "UY",
  "VE",
];
const southeastAsia = ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"];

/** The rolling emergency fund for defenders under digital attack: small, fast, decided within two weeks. */
/** The files a budget or a financial statement may be: a spreadsheet in any of the common formats, or a PDF. */
const spreadsheetsAndPdf: Call.FullApplicationDocument["types"] = [
  "text/csv",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
];

export const digitalEmergency: Call.InfoInput = {
  id: "digital-emergency",
  kind: "emergency",
  title: {
    en: "Emergency fund for digital attacks",
    es: "Fondo de emergencia ante ataques digitales",
    pt: "Fundo de emergência contra ataques digitais",
  },
  summary: {
    en: "Rapid support of up to EUR 10,000 for human-rights defenders facing a digital attack or threat. We decide within two weeks.",
    es: "Apoyo rápido de hasta 10.000 EUR para personas defensoras de derechos humanos que enfrentan un ataque o amenaza digital. Decidimos en un plazo de dos semanas.",
    pt: "Apoio rápido de até 10.000 EUR para defensoras e defensores de direitos humanos que enfrentam um ataque ou ameaça digital. Decidimos em até duas semanas.",
  },
  covers: [
    {
      en: "Replacing seized, stolen or compromised phones and computers",
      es: "Reemplazo de teléfonos y computadoras confiscados, robados o comprometidos",
      pt: "Substituição de celulares e computadores apreendidos, roubados ou comprometidos",
    },
    {
      en: "Secure software, hosting and services",
      es: "Software, alojamiento y servicios seguros",
      pt: "Software, hospedagem e serviços seguros",
    },
    {
      en: "Urgent responses, such as staying connected during internet blockages",
      es: "Respuestas urgentes, como mantener la conexión durante bloqueos de internet",
      pt: "Respostas urgentes, como manter a conexão durante bloqueios de internet",
    },
    {
      en: "Physical security linked to a digital threat",
      es: "Seguridad física relacionada con una amenaza digital",
      pt: "Segurança física ligada a uma ameaça digital",
    },
    { en: "Psychosocial support", es: "Apoyo psicosocial", pt: "Apoio psicossocial" },
  ],
  opensAt: null,
  closesAt: null,
  decisionDays: 14,
  reminderDays: 5,
  escalationDays: 10,
  retentionDays: 180,
  languages: ["en", "es", "pt", "fr", "id", "th", "my", "km", "lo", "vi", "fil"],
  // Offered although no native speaker has reviewed them yet, so that they can be tried (docs/languages.md).
  unreviewedLanguages: [...unreviewedLocales],
  stages: ["draft", "submitted", "in_review", "more_info", "approved", "declined", "withdrawn", ...awardStages],
  eligibility: {
    questions: [
      {
        id: "applicant-type",
        type: "single",
        label: { en: "Who is applying?", es: "¿Quién solicita?", pt: "Quem está solicitando?" },
        options: [
          {
            value: "individual",
            label: { en: "An individual defender", es: "Una persona defensora", pt: "Uma pessoa defensora" },
          },
          {
            value: "collective",
            label: {
              en: "A collective or group (registered or not)",
              es: "Un colectivo o grupo (registrado o no)",
              pt: "Um coletivo ou grupo (registrado ou não)",
            },
          },
          {
            value: "organisation",
            label: {
              en: "A non-profit organisation",
              es: "Una organización sin fines de lucro",
              pt: "Uma organização sem fins lucrativos",
            },
          },
          { value: "company", label: { en: "A company", es: "Una empresa", pt: "Uma empresa" } },
        ],
      },
      {
        id: "country",
        type: "country",
        label: { en: "Where are you based?", es: "¿Dónde se encuentra?", pt: "Onde você está?" },
        help: {
          en: "The country where you live and work now.",
          es: "El país donde vive y trabaja actualmente.",
          pt: "O país onde você vive e trabalha agora.",
        },
      },
      {
        id: "under-attack",
        type: "boolean",
        label: {
          en: "Are you facing a digital attack or threat now, or did one happen in the last three months?",
          es: "¿Enfrenta ahora un ataque o una amenaza digital, o sucedió en los últimos tres meses?",
          pt: "Você enfrenta agora um ataque ou ameaça digital, ou isso aconteceu nos últimos três meses?",
        },
      },
      {
        id: "human-rights-work",
        type: "boolean",
        label: {
          en: "Is the attack linked to your peaceful work for human rights?",
          es: "¿El ataque está relacionado con su trabajo pacífico por los derechos humanos?",
          pt: "O ataque está ligado ao seu trabalho pacífico pelos direitos humanos?",
        },
      },
      {
        id: "target-groups",
        type: "multi",
        required: false,
        label: {
          en: "Do you belong to or work with any of these groups?",
          es: "¿Pertenece o trabaja con alguno de estos grupos?",
          pt: "Você pertence ou trabalha com algum destes grupos?",
        },
        options: [
          { value: "women", label: { en: "Women defenders", es: "Mujeres defensoras", pt: "Mulheres defensoras" } },
          {
            value: "lgbtqia",
            label: { en: "LGBTQIA+ defenders", es: "Personas defensoras LGBTQIA+", pt: "Pessoas defensoras LGBTQIA+" },
          },
          {
            value: "land-environment",
            label: {
              en: "Land and environmental defenders",
              es: "Defensores de la tierra y del medio ambiente",
              pt: "Defensores da terra e do meio ambiente",
            },
          },
          { value: "indigenous", label: { en: "Indigenous peoples", es: "Pueblos indígenas", pt: "Povos indígenas" } },
          { value: "journalists", label: { en: "Journalists", es: "Periodistas", pt: "Jornalistas" } },
        ],
      },
      {
        id: "funded-recently",
        type: "boolean",
        label: {
          en: "Did this fund give you a grant in the last 12 months?",
          es: "¿Este fondo le otorgó un apoyo en los últimos 12 meses?",
          pt: "Este fundo concedeu um apoio a você nos últimos 12 meses?",
        },
      },
    ],
    rules: [
      {
        id: "not-for-companies",
        questionId: "applicant-type",
        test: "in",
        values: ["individual", "collective", "organisation"],
        reason: {
          en: "The fund supports defenders, collectives and non-profit organisations. It cannot fund companies.",
          es: "El fondo apoya a personas defensoras, colectivos y organizaciones sin fines de lucro. No puede financiar empresas.",
          pt: "O fundo apoia pessoas defensoras, coletivos e organizações sem fins lucrativos. Ele não pode financiar empresas.",
        },
      },
      {
        id: "region",
        questionId: "country",
        test: "in",
        values: [...latinAmerica, ...southeastAsia],
        reason: {
          en: "This fund serves defenders based in Latin America and Southeast Asia.",
          es: "Este fondo atiende a personas defensoras que viven en América Latina y el Sudeste Asiático.",
          pt: "Este fundo atende pessoas defensoras que vivem na América Latina e no Sudeste Asiático.",
        },
      },
      {
        id: "recent-attack",
        questionId: "under-attack",
        test: "equals",
        value: true,
        reason: {
          en: "This fund responds to digital attacks and threats that are happening now or happened in the last three months. For planned security work, look at our grant calls.",
          es: "Este fondo responde a ataques y amenazas digitales que ocurren ahora o en los últimos tres meses. Para trabajo de seguridad planificado, consulte nuestras convocatorias de becas.",
          pt: "Este fundo responde a ataques e ameaças digitais que acontecem agora ou nos últimos três meses. Para trabalho de segurança planejado, veja nossas chamadas de subsídios.",
        },
      },
      {
        id: "human-rights-link",
        questionId: "human-rights-work",
        test: "equals",
        value: true,
        reason: {
          en: "The fund can only help when the attack is linked to peaceful human-rights work.",
          es: "El fondo solo puede ayudar cuando el ataque está relacionado con un trabajo pacífico por los derechos humanos.",
          pt: "O fundo só pode ajudar quando o ataque está ligado a um trabalho pacífico pelos direitos humanos.",
        },
      },
      {
        id: "once-a-year",
        questionId: "funded-recently",
        test: "equals",
        value: false,
        reason: {
          en: "The fund can support the same person or group once every 12 months.",
          es: "El fondo puede apoyar a la misma persona o grupo una vez cada 12 meses.",
          pt: "O fundo pode apoiar a mesma pessoa ou grupo uma vez a cada 12 meses.",
        },
      },
    ],
  },
  conceptNote: {
    fields: [
      {
        id: "situation",
        label: { en: "What is happening?", es: "¿Qué está pasando?", pt: "O que está acontecendo?" },
        help: {
          en: "Describe the attack or threat and when it started. Leave out names and details you do not need to share.",
          es: "Describa el ataque o la amenaza y cuándo empezó. Omita nombres y detalles que no necesite compartir.",
          pt: "Descreva o ataque ou a ameaça e quando começou. Deixe de fora nomes e detalhes que não precisa compartilhar.",
        },
        maxWords: 300,
      },
      {
        id: "need",
        label: {
          en: "What do you need, and how will it help?",
          es: "¿Qué necesita y cómo le ayudará?",
          pt: "Do que você precisa e como isso vai ajudar?",
        },
        help: {
          en: "List what the money would pay for and what it changes for your safety.",
          es: "Enumere lo que pagaría el dinero y qué cambia para su seguridad.",
          pt: "Liste o que o dinheiro pagaria e o que isso muda para a sua segurança.",
        },
        maxWords: 250,
      },
      {
        id: "timeline",
        label: {
          en: "How soon do you need it?",
          es: "¿Qué tan pronto lo necesita?",
          pt: "Em quanto tempo você precisa?",
        },
        help: {
          en: "Tell us about any date that matters, such as a hearing or a trip.",
          es: "Indique cualquier fecha importante, como una audiencia o un viaje.",
          pt: "Conte-nos sobre qualquer data importante, como uma audiência ou uma viagem.",
        },
        maxWords: 100,
        required: false,
      },
    ],
  },
  funding: { currency: "EUR", min: 1, max: 10_000, maxRatioToAnnualBudget: null, maxMonths: 4 },
  // Shown on the applicant's status page once decided: how money is paid; who else may help.
  award: {
    agreement: "in_amparo",
    terms: {
      en: "The fund grants the amount below for the purposes you described, for the period below. You will use it only for them, keep receipts where it is safe to do so, and send one short final report within 30 days after the period ends. If your situation changes, or you cannot use all of it, tell the fund's team: unused money may be returned or used for a purpose agreed with them. The fund keeps what you tell it confidential and will never publish your name without your consent.",
      es: "El fondo concede el monto indicado abajo para los fines que describiste, durante el periodo indicado. Lo usarás solo para ellos, guardarás los comprobantes cuando sea seguro hacerlo y enviarás un informe final breve dentro de los 30 días posteriores al fin del periodo. Si tu situación cambia, o no puedes usarlo todo, avisa al equipo del fondo: el dinero no usado puede devolverse o destinarse a un fin acordado con él. El fondo mantiene confidencial lo que le cuentas y nunca publicará tu nombre sin tu consentimiento.",
      pt: "O fundo concede o valor abaixo para as finalidades que você descreveu, durante o período abaixo. Você o usará apenas para elas, guardará os comprovantes quando for seguro fazê-lo e enviará um relatório final curto até 30 dias após o fim do período. Se sua situação mudar, ou se não puder usar tudo, avise a equipe do fundo: o dinheiro não usado pode ser devolvido ou usado para uma finalidade combinada com ela. O fundo mantém em sigilo o que você conta e nunca publicará seu nome sem o seu consentimento.",
    },
    periodDays: 120,
    reports: [
      {
        id: "final",
        title: { en: "Final report", es: "Informe final", pt: "Relatório final" },
        // Within 30 days after the grant's four months (120 days), as its terms say.
        dueDays: 150,
        remindDays: 7,
        fields: [
          {
            id: "narrative",
            label: {
              en: "What the grant made possible, and how the money was spent",
              es: "Qué hizo posible la subvención y en qué se gastó el dinero",
              pt: "O que o subsídio tornou possível e como o dinheiro foi gasto",
            },
            help: {
              en: "A few lines are enough. Leave out names, places or details that could put anyone at risk if read by others.",
              es: "Bastan unas líneas. Omita nombres, lugares o detalles que pudieran poner a alguien en riesgo si otros los leyeran.",
              pt: "Algumas linhas bastam. Deixe de fora nomes, lugares ou detalhes que possam colocar alguém em risco se lidos por outros.",
            },
            maxWords: 500,
            required: true,
          },
        ],
        documents: [],
      },
    ],
    paymentMethods: ["bank_transfer", "intermediary", "other"],
  },
  nextSteps: {
    approved: {
      en: "The grant agreement will appear on this page: read it, and accept it by typing your name. Then tell us, here, how the money can reach you: a bank transfer, a partner organisation you trust, or another way you describe. If a transfer could put you at risk, choose another way. Keep the receipts for what you buy: within 30 days after the grant's period ends we will ask for a short report of how the money was spent.",
      es: "El acuerdo de la subvención aparecerá en esta página: léalo y acéptelo escribiendo su nombre. Luego indíquenos aquí cómo puede llegarle el dinero: una transferencia bancaria, una organización aliada de su confianza u otra forma que usted describa. Si una transferencia pudiera ponerle en riesgo, elija otra forma. Guarde los comprobantes de lo que compre: dentro de los 30 días posteriores al fin del periodo de la subvención le pediremos un informe breve de cómo se usó el dinero.",
      pt: "O acordo da subvenção aparecerá nesta página: leia-o e aceite-o digitando seu nome. Depois, informe aqui como o dinheiro pode chegar até você: uma transferência bancária, uma organização parceira de sua confiança ou outra forma que você descrever. Se uma transferência puder colocar você em risco, escolha outra forma. Guarde os comprovantes do que comprar: até 30 dias após o fim do período da subvenção, pediremos um relatório curto de como o dinheiro foi usado.",
    },
    declined: {
      en: "This decision is about this request only. You may apply again if your situation changes. The Digital Defenders Partnership (digitaldefenders.org) also funds responses to digital emergencies.",
      es: "Esta decisión se refiere solo a esta solicitud. Puede volver a solicitar si su situación cambia. La Digital Defenders Partnership (digitaldefenders.org) también financia respuestas a emergencias digitales.",
      pt: "Esta decisão se refere apenas a este pedido. Você pode se candidatar de novo se a sua situação mudar. A Digital Defenders Partnership (digitaldefenders.org) também financia respostas a emergências digitais.",
    },
  },
  // How applicants reach the fund's team: on their status page only, never in an email.
  contact: {
    en: "Write to the fund's team at help@amparo.example. If email is not safe for you, ask there for a Signal number, or reply from a new address: we answer within two working days.",
    es: "Escriba al equipo del fondo a help@amparo.example. Si el correo no es seguro para usted, pida allí un número de Signal o escríbanos desde una dirección nueva: respondemos en dos días hábiles.",
    pt: "Escreva para a equipe do fundo em help@amparo.example. Se o e-mail não for seguro para você, peça ali um número de Signal ou escreva de um endereço novo: respondemos em dois dias úteis.",
  },
  // Where someone under attack today can turn at once: shown as a list on the call's page and wherever they stop.
  immediateHelp: [
    {
      name: {
        en: "Access Now Digital Security Helpline",
        es: "Línea de Ayuda en Seguridad Digital de Access Now",
        pt: "Linha de Ajuda em Segurança Digital da Access Now",
      },
      description: {
        en: "Free digital security help for civil society, day and night, in many languages.",
        es: "Ayuda gratuita en seguridad digital para la sociedad civil, de día y de noche, en muchos idiomas.",
        pt: "Ajuda gratuita em segurança digital para a sociedade civil, dia e noite, em muitos idiomas.",
      },
      url: "https://www.accessnow.org/help/",
      email: "help@accessnow.org",
    },
    {
      name: {
        en: "Front Line Defenders emergency line",
        es: "Línea de emergencia de Front Line Defenders",
        pt: "Linha de emergência da Front Line Defenders",
      },
      description: {
        en: "24 hours a day, for human rights defenders at immediate risk.",
        es: "Las 24 horas, para personas defensoras de derechos humanos en riesgo inmediato.",
        pt: "24 horas por dia, para defensoras e defensores de direitos humanos em risco imediato.",
      },
      phone: "+353 1 210 0489",
      url: "https://www.frontlinedefenders.org/en/emergency-contact",
    },
  ],
  budgetFile: {
    required: false,
    maxBytes: 5 * 1024 * 1024,
    types: spreadsheetsAndPdf,
  },
  rubric: {
    criteria: [
      {
        id: "urgency",
        label: { en: "Urgency of the threat", es: "Urgencia de la amenaza", pt: "Urgência da ameaça" },
        weight: 3,
        scale: {
          low: {
            en: "No present threat: the harm is past or may never come.",
            es: "Ausencia de amenaza actual: el daño ya pasó o puede no llegar.",
            pt: "Nenhuma ameaça atual: o dano já passou ou pode não acontecer.",
          },
          mid: {
            en: "A real threat that could wait a few weeks without serious harm.",
            es: "Una amenaza real que podría esperar unas semanas sin daño grave.",
            pt: "Uma ameaça real que poderia esperar algumas semanas sem dano grave.",
          },
          high: {
            en: "An attack under way or imminent: people or their work are at risk now.",
            es: "Un ataque en curso o inminente: las personas o su trabajo corren riesgo ahora.",
            pt: "Um ataque em curso ou iminente: as pessoas ou o seu trabalho correm risco agora.",
          },
        },
      },
      {
        id: "fit",
        label: {
          en: "The request answers the threat",
          es: "La solicitud responde a la amenaza",
          pt: "O pedido responde à ameaça",
        },
        weight: 2,
        scale: {
          low: {
            en: "What is asked for would not change the threat described.",
            es: "Lo que se pide no cambiaría la amenaza descrita.",
            pt: "O que se pede não mudaria a ameaça descrita.",
          },
          mid: {
            en: "It helps, but only in part, or another answer would fit better.",
            es: "Ayuda, pero solo en parte, o habría una respuesta más adecuada.",
            pt: "Ajuda, mas só em parte, ou outra resposta seria mais adequada.",
          },
          high: {
            en: "It answers the threat directly, and nothing cheaper would do.",
            es: "Responde directamente a la amenaza y nada más barato serviría.",
            pt: "Responde diretamente à ameaça e nada mais barato serviria.",
          },
        },
      },
      {
        id: "feasibility",
        label: { en: "Feasibility", es: "Viabilidad", pt: "Viabilidade" },
        weight: 1,
        scale: {
          low: {
            en: "The plan cannot work in the time or with the people described.",
            es: "El plan no puede funcionar en el plazo o con las personas descritas.",
            pt: "O plano não pode funcionar no prazo ou com as pessoas descritas.",
          },
          mid: {
            en: "It can work, with risks the request does not address.",
            es: "Puede funcionar, con riesgos que la solicitud no aborda.",
            pt: "Pode funcionar, com riscos que o pedido não aborda.",
          },
          high: {
            en: "Clearly workable: who does what, by when, is set out.",
            es: "Claramente viable: se explica quién hace qué y para cuándo.",
            pt: "Claramente viável: explica quem faz o quê e até quando.",
          },
        },
      },
    ],
  },
};

/** What a grant call's interim and final reports ask: what was done, what changed, and the money. */
const grantReportFields = [
  {
    id: "progress",
    label: {
      en: "What your organisation did with the grant, and what changed",
      es: "Qué hizo su organización con la subvención y qué cambió",
      pt: "O que sua organização fez com o subsídio e o que mudou",
    },
    maxWords: 1500,
    required: true,
  },
  {
    id: "changes",
    label: {
      en: "What did not go as planned, and what you will do about it",
      es: "Qué no salió como estaba previsto y qué harán al respecto",
      pt: "O que não saiu como planejado e o que farão a respeito",
    },
    maxWords: 600,
    required: false,
  },
];

/** The financial statement each grant report carries: spending against the agreed budget, line by line. */
const financialStatement: Call.FullApplicationDocument = {
  id: "financial-statement",
  label: { en: "Financial statement", es: "Estado financiero", pt: "Demonstração financeira" },
  help: {
    en: "Spending against the agreed budget, line by line, in USD.",
    es: "El gasto frente al presupuesto acordado, partida por partida, en USD.",
    pt: "Os gastos em relação ao orçamento acordado, linha por linha, em USD.",
  },
  required: true,
  maxBytes: 10 * 1024 * 1024,
  types: spreadsheetsAndPdf,
};

const southAndSoutheastAsia = ["BD", "ID", "IN", "KH", "LA", "LK", "MM", "MY", "NP", "PH", "PK", "TH", "TL", "VN"];

/** A yearly grant call: eligibility quiz, concept note, one-year budget; the best notes are invited further. */
export const conceptNotes2026: Call.InfoInput = {
  id: "concept-notes-2026",
  kind: "grant",
  title: {
    en: "Digital resilience grants 2026: concept notes",
    es: "Becas de resiliencia digital 2026: notas conceptuales",
    pt: "Subsídios de resiliência digital 2026: notas conceituais",
  },
  summary: {
    en: "One-year grants of USD 15,000 to 25,000 for organisations in South and Southeast Asia that protect human-rights defenders online. Send a concept note; the best are invited to a full application.",
    es: "Becas de un año de 15.000 a 25.000 USD para organizaciones del Sur y Sudeste Asiático que protegen a personas defensoras de derechos humanos en línea. Envíe una nota conceptual; las mejores serán invitadas a una solicitud completa.",
    pt: "Subsídios de um ano de 15.000 a 25.000 USD para organizações do Sul e Sudeste Asiático que protegem defensoras e defensores de direitos humanos online. Envie uma nota conceitual; as melhores serão convidadas para uma proposta completa.",
  },
  covers: [
    {
      en: "Digital security training and accompaniment",
      es: "Capacitación y acompañamiento en seguridad digital",
      pt: "Formação e acompanhamento em segurança digital",
    },
    {
      en: "Documenting and responding to online attacks",
      es: "Documentación y respuesta a ataques en línea",
      pt: "Documentação e resposta a ataques online",
    },
    {
      en: "Staff time, equipment and secure tools for the project",
      es: "Tiempo de personal, equipos y herramientas seguras para el proyecto",
      pt: "Tempo de equipe, equipamentos e ferramentas seguras para o projeto",
    },
  ],
  opensAt: "2026-10-01T00:00:00.000Z",
  closesAt: "2027-03-31T23:59:59.000Z",
  decisionDays: 60,
  reminderDays: 30,
  escalationDays: 45,
  retentionDays: 365,
  languages: ["en", "bn", "hi", "id", "km", "my", "ne", "si", "ta", "th", "ur", "vi"],
  unreviewedLanguages: [...unreviewedLocales],
  stages: [
    "draft",
    "submitted",
    "in_review",
    "more_info",
    "shortlisted",
    "full_submitted",
    "approved",
    "declined",
    "withdrawn",
    ...awardStages,
  ],
  eligibility: {
    questions: [
      {
        id: "organisation-type",
        type: "single",
        label: {
          en: "What kind of organisation are you?",
          es: "¿Qué tipo de organización son?",
          pt: "Que tipo de organização vocês são?",
        },
        options: [
          {
            value: "ngo",
            label: {
              en: "Registered non-profit",
              es: "Organización sin fines de lucro registrada",
              pt: "Organização sem fins lucrativos registrada",
            },
          },
          {
            value: "collective",
            label: { en: "Unregistered collective", es: "Colectivo no registrado", pt: "Coletivo não registrado" },
          },
          { value: "network", label: { en: "Network or coalition", es: "Red o coalición", pt: "Rede ou coalizão" } },
          { value: "company", label: { en: "Company", es: "Empresa", pt: "Empresa" } },
          {
            value: "government",
            label: { en: "Government body", es: "Organismo gubernamental", pt: "Órgão governamental" },
          },
        ],
      },
      {
        id: "country",
        type: "country",
        label: {
          en: "Where is your organisation based?",
          es: "¿Dónde tiene su sede la organización?",
          pt: "Onde fica a sede da organização?",
        },
      },
      {
        id: "thematic-area",
        type: "single",
        label: {
          en: "What is the main area of your work?",
          es: "¿Cuál es el área principal de su trabajo?",
          pt: "Qual é a principal área do seu trabalho?",
        },
        options: [
          {
            value: "digital-security",
            label: { en: "Digital security", es: "Seguridad digital", pt: "Segurança digital" },
          },
          {
            value: "internet-freedom",
            label: { en: "Internet freedom", es: "Libertad en internet", pt: "Liberdade na internet" },
          },
          {
            value: "privacy-surveillance",
            label: { en: "Privacy and surveillance", es: "Privacidad y vigilancia", pt: "Privacidade e vigilância" },
          },
          {
            value: "online-gbv",
            label: {
              en: "Online gender-based violence",
              es: "Violencia de género en línea",
              pt: "Violência de gênero online",
            },
          },
          { value: "other", label: { en: "Something else", es: "Otra área", pt: "Outra área" } },
        ],
      },
      {
        id: "target-groups",
        type: "multi",
        label: {
          en: "Which groups does your work serve?",
          es: "¿A qué grupos sirve su trabajo?",
          pt: "A quais grupos o seu trabalho atende?",
        },
        options: [
          { value: "women", label: { en: "Women defenders", es: "Mujeres defensoras", pt: "Mulheres defensoras" } },
          { value: "lgbtqia", label: { en: "LGBTQIA+ people", es: "Personas LGBTQIA+", pt: "Pessoas LGBTQIA+" } },
          {
            value: "religious-minorities",
            label: { en: "Religious minorities", es: "Minorías religiosas", pt: "Minorias religiosas" },
          },
          {
            value: "land-environment",
            label: {
              en: "Land and environmental defenders",
              es: "Defensores de la tierra y del medio ambiente",
              pt: "Defensores da terra e do meio ambiente",
            },
          },
          { value: "journalists", label: { en: "Journalists", es: "Periodistas", pt: "Jornalistas" } },
          {
            value: "general-public",
            label: { en: "The general public", es: "El público en general", pt: "O público em geral" },
          },
        ],
      },
      {
        id: "years-active",
        type: "number",
        min: 0,
        max: 200,
        label: {
          en: "For how many years have you been working?",
          es: "¿Cuántos años llevan trabajando?",
          pt: "Há quantos anos vocês trabalham?",
        },
      },
      {
        id: "annual-budget",
        type: "number",
        min: 0,
        label: {
          en: "What is your current annual budget, in US dollars?",
          es: "¿Cuál es su presupuesto anual actual, en dólares estadounidenses?",
          pt: "Qual é o seu orçamento anual atual, em dólares americanos?",
        },
        help: {
          en: "All your income this year, from every source.",
          es: "Todos sus ingresos de este año, de todas las fuentes.",
          pt: "Toda a sua receita deste ano, de todas as fontes.",
        },
      },
      {
        id: "applied-recently",
        type: "boolean",
        label: {
          en: "Did you apply to one of our grant calls in the last 12 months?",
          es: "¿Solicitaron una de nuestras becas en los últimos 12 meses?",
          pt: "Vocês se candidataram a um dos nossos subsídios nos últimos 12 meses?",
        },
      },
    ],
    rules: [
      {
        id: "civil-society-only",
        questionId: "organisation-type",
        test: "in",
        values: ["ngo", "collective", "network"],
        reason: {
          en: "This call is for civil-society groups: non-profits, collectives and networks. Companies and government bodies cannot apply.",
          es: "Esta convocatoria es para la sociedad civil: organizaciones sin fines de lucro, colectivos y redes. No pueden solicitar empresas ni organismos gubernamentales.",
          pt: "Esta chamada é para a sociedade civil: organizações sem fins lucrativos, coletivos e redes. Empresas e órgãos governamentais não podem se candidatar.",
        },
      },
      {
        id: "region",
        questionId: "country",
        test: "in",
        values: southAndSoutheastAsia,
        reason: {
          en: "This call is open to organisations based in South and Southeast Asia.",
          es: "Esta convocatoria está abierta a organizaciones con sede en el Sur y el Sudeste Asiático.",
          pt: "Esta chamada está aberta a organizações sediadas no Sul e no Sudeste Asiático.",
        },
      },
      {
        id: "thematic-fit",
        questionId: "thematic-area",
        test: "not_in",
        values: ["other"],
        reason: {
          en: "This call funds work on digital security, internet freedom, privacy and surveillance, or online gender-based violence.",
          es: "Esta convocatoria financia trabajo en seguridad digital, libertad en internet, privacidad y vigilancia, o violencia de género en línea.",
          pt: "Esta chamada financia trabalho em segurança digital, liberdade na internet, privacidade e vigilância, ou violência de gênero online.",
        },
      },
      {
        id: "at-risk-groups",
        questionId: "target-groups",
        test: "in",
        values: ["women", "lgbtqia", "religious-minorities", "land-environment", "journalists"],
        reason: {
          en: "This call funds work with defenders and communities at risk, not with the general public alone.",
          es: "Esta convocatoria financia trabajo con personas defensoras y comunidades en riesgo, no solo con el público en general.",
          pt: "Esta chamada financia trabalho com defensores e comunidades em risco, não apenas com o público em geral.",
        },
      },
      {
        id: "one-year-active",
        questionId: "years-active",
        test: "range",
        min: 1,
        reason: {
          en: "Your organisation needs at least one year of work behind it.",
          es: "Su organización necesita al menos un año de trabajo.",
          pt: "Sua organização precisa de pelo menos um ano de trabalho.",
        },
      },
      {
        id: "budget-size",
        questionId: "annual-budget",
        test: "range",
        min: 7_500,
        max: 500_000,
        reason: {
          en: "This call is for organisations with an annual budget between USD 7,500 and USD 500,000: the grant may be at most twice your annual budget.",
          es: "Esta convocatoria es para organizaciones con un presupuesto anual entre 7.500 y 500.000 USD: la beca puede ser como máximo el doble de su presupuesto anual.",
          pt: "Esta chamada é para organizações com orçamento anual entre 7.500 e 500.000 USD: o subsídio pode ser no máximo o dobro do seu orçamento anual.",
        },
      },
      {
        id: "not-applied-recently",
        questionId: "applied-recently",
        test: "equals",
        value: false,
        reason: {
          en: "Organisations that applied in the last 12 months can apply again once 12 months have passed.",
          es: "Las organizaciones que solicitaron en los últimos 12 meses podrán volver a hacerlo cuando pasen 12 meses.",
          pt: "Organizações que se candidataram nos últimos 12 meses poderão fazê-lo novamente quando se passarem 12 meses.",
        },
      },
    ],
  },
  conceptNote: {
    fields: [
      {
        id: "problem",
        label: { en: "The problem", es: "El problema", pt: "O problema" },
        help: {
          en: "What threat do the people you work with face online, and why now?",
          es: "¿Qué amenaza enfrentan en línea las personas con las que trabajan, y por qué ahora?",
          pt: "Que ameaça as pessoas com quem vocês trabalham enfrentam online, e por que agora?",
        },
        maxWords: 400,
      },
      {
        id: "approach",
        label: { en: "What you will do", es: "Lo que harán", pt: "O que vocês farão" },
        help: {
          en: "The main activities over the year, and who takes part.",
          es: "Las actividades principales del año y quién participa.",
          pt: "As principais atividades do ano e quem participa.",
        },
        maxWords: 500,
      },
      {
        id: "outcomes",
        label: { en: "What will change", es: "Qué cambiará", pt: "O que vai mudar" },
        help: {
          en: "How you will know the work made people safer.",
          es: "Cómo sabrán que el trabajo hizo que las personas estén más seguras.",
          pt: "Como vocês saberão que o trabalho deixou as pessoas mais seguras.",
        },
        maxWords: 300,
      },
      {
        id: "organisation",
        label: { en: "About your organisation", es: "Sobre su organización", pt: "Sobre a sua organização" },
        help: {
          en: "Your track record and the team behind the project.",
          es: "Su trayectoria y el equipo detrás del proyecto.",
          pt: "A sua trajetória e a equipe por trás do projeto.",
        },
        maxWords: 250,
      },
    ],
  },
  funding: {
    currency: "USD",
    min: 15_000,
    max: 25_000,
    maxRatioToAnnualBudget: 2,
    maxMonths: 12,
    // Asked once, in the quiz: the funding step reads it from there.
    annualBudgetQuestion: "annual-budget",
  },
  // Shown on the applicant's status page once decided: how money is paid; who else may help.
  award: {
    agreement: "in_amparo",
    terms: {
      en: "The fund grants the amount below to your organisation for the project described in your full application, for the period below, paid in tranches. Your organisation will use it only for that project, keep accounts and receipts, and send an interim and a final report, each with a financial statement, by the dates below. Changes to the budget of more than 15% between lines need the fund's written agreement. Unused money is returned at the end of the period unless agreed otherwise.",
      es: "El fondo concede a tu organización el monto indicado abajo para el proyecto descrito en su solicitud completa, durante el periodo indicado, pagado en tramos. Tu organización lo usará solo para ese proyecto, llevará cuentas y comprobantes, y enviará un informe intermedio y uno final, cada uno con un estado financiero, en las fechas indicadas abajo. Los cambios de más del 15% entre partidas del presupuesto necesitan el acuerdo escrito del fondo. El dinero no usado se devuelve al final del periodo, salvo acuerdo en contrario.",
      pt: "O fundo concede à sua organização o valor abaixo para o projeto descrito na proposta completa, durante o período abaixo, pago em parcelas. Sua organização o usará apenas para esse projeto, manterá contas e comprovantes e enviará um relatório intermediário e um final, cada um com uma demonstração financeira, nas datas abaixo. Mudanças de mais de 15% entre linhas do orçamento precisam do acordo escrito do fundo. O dinheiro não usado é devolvido ao fim do período, salvo acordo em contrário.",
    },
    periodDays: 365,
    reports: [
      {
        id: "interim",
        title: { en: "Interim report", es: "Informe intermedio", pt: "Relatório intermediário" },
        dueDays: 183,
        remindDays: 14,
        fields: grantReportFields,
        documents: [financialStatement],
      },
      {
        id: "final",
        title: { en: "Final report", es: "Informe final", pt: "Relatório final" },
        dueDays: 395,
        remindDays: 14,
        fields: grantReportFields,
        documents: [financialStatement],
      },
    ],
    paymentMethods: ["bank_transfer", "intermediary"],
  },
  nextSteps: {
    approved: {
      en: "The grant agreement will appear on this page: read it, and accept it on your organisation's behalf by typing your name. Then tell us, here, how to pay your organisation: the grant is paid in instalments, usually by bank transfer. If a transfer could put your organisation at risk, choose a partner organisation you trust instead, or tell us and we will look for another way together. Keep this page and your access code: you will need them for the reports the grant asks for.",
      es: "El acuerdo de la subvención aparecerá en esta página: léalo y acéptelo en nombre de su organización escribiendo su nombre. Luego indíquenos aquí cómo pagar a su organización: la subvención se paga en tramos, normalmente por transferencia bancaria. Si una transferencia pudiera poner en riesgo a su organización, elija en su lugar una organización aliada de confianza, o avísenos y buscaremos juntos otra forma. Conserve esta página y su código de acceso: los necesitará para los informes que pide la subvención.",
      pt: "O acordo da subvenção aparecerá nesta página: leia-o e aceite-o em nome da sua organização digitando seu nome. Depois, informe aqui como pagar sua organização: a subvenção é paga em parcelas, normalmente por transferência bancária. Se uma transferência puder colocar sua organização em risco, escolha uma organização parceira de confiança, ou avise-nos e buscaremos juntos outra forma. Guarde esta página e seu código de acesso: você precisará deles para os relatórios que a subvenção pede.",
    },
    declined: {
      en: "We receive many more strong concept notes than we can fund; this decision is about this call only, and you may apply to our next calls.\n\nIf you need help now, these organisations may be able to help. Access Now's Digital Security Helpline (accessnow.org/help) gives free digital security help to civil society, day and night, in Spanish, Portuguese, English and other languages. Front Line Defenders (frontlinedefenders.org) runs a 24-hour emergency line for human rights defenders at immediate risk, +353 1 210 0489, and gives protection grants. The Digital Defenders Partnership (digitaldefenders.org) also funds responses to digital emergencies.",
      es: "Recibimos muchas más notas conceptuales sólidas de las que podemos financiar; esta decisión se refiere solo a esta convocatoria y puede presentarse a las próximas.\n\nSi necesita ayuda ahora, estas organizaciones pueden ayudarle. La Línea de Ayuda en Seguridad Digital de Access Now (accessnow.org/help) ofrece ayuda gratuita en seguridad digital a la sociedad civil, de día y de noche, en español, portugués, inglés y otros idiomas. Front Line Defenders (frontlinedefenders.org) tiene una línea de emergencia las 24 horas para personas defensoras de derechos humanos en riesgo inmediato, +353 1 210 0489, y otorga subvenciones de protección. La Digital Defenders Partnership (digitaldefenders.org) también financia respuestas a emergencias digitales.",
      pt: "Recebemos muito mais notas conceituais sólidas do que conseguimos financiar; esta decisão se refere apenas a esta chamada, e você pode se candidatar às próximas.\n\nSe você precisa de ajuda agora, estas organizações podem ajudar. A Linha de Ajuda em Segurança Digital da Access Now (accessnow.org/help) oferece ajuda gratuita em segurança digital à sociedade civil, dia e noite, em português, espanhol, inglês e outros idiomas. A Front Line Defenders (frontlinedefenders.org) mantém uma linha de emergência 24 horas para defensoras e defensores de direitos humanos em risco imediato, +353 1 210 0489, e concede apoios de proteção. A Digital Defenders Partnership (digitaldefenders.org) também financia respostas a emergências digitais.",
    },
  },
  // How applicants reach the fund's team: on their status page only, never in an email.
  contact: {
    en: "Write to the fund's team at help@amparo.example. If email is not safe for you, ask there for a Signal number, or reply from a new address: we answer within two working days.",
    es: "Escriba al equipo del fondo a help@amparo.example. Si el correo no es seguro para usted, pida allí un número de Signal o escríbanos desde una dirección nueva: respondemos en dos días hábiles.",
    pt: "Escreva para a equipe do fundo em help@amparo.example. Se o e-mail não for seguro para você, peça ali um número de Signal ou escreva de um endereço novo: respondemos em dois dias úteis.",
  },
  budgetFile: {
    required: true,
    maxBytes: 10 * 1024 * 1024,
    types: spreadsheetsAndPdf,
  },
  rubric: {
    criteria: [
      {
        id: "relevance",
        label: { en: "Relevance to the call", es: "Pertinencia para la convocatoria", pt: "Relevância para a chamada" },
        weight: 3,
        scale: {
          low: {
            en: "Outside the call's aims, region or people served.",
            es: "Fuera de los fines, la región o las personas de la convocatoria.",
            pt: "Fora dos objetivos, da região ou do público da chamada.",
          },
          mid: {
            en: "Within the call, but protecting defenders online is not its core.",
            es: "Dentro de la convocatoria, pero proteger a personas defensoras en línea no es su centro.",
            pt: "Dentro da chamada, mas proteger defensoras e defensores online não é o seu centro.",
          },
          high: {
            en: "At the heart of the call: defenders in the region, protected online.",
            es: "En el centro de la convocatoria: personas defensoras de la región, protegidas en línea.",
            pt: "No centro da chamada: defensoras e defensores da região, protegidos online.",
          },
        },
      },
      {
        id: "approach",
        label: { en: "Strength of the approach", es: "Solidez del enfoque", pt: "Solidez da abordagem" },
        weight: 3,
        scale: {
          low: {
            en: "Activities are vague or do not lead to the outcomes claimed.",
            es: "Las actividades son vagas o no llevan a los resultados que se anuncian.",
            pt: "As atividades são vagas ou não levam aos resultados anunciados.",
          },
          mid: {
            en: "A sound plan with gaps: risks or how results will be known are unclear.",
            es: "Un plan sólido con vacíos: no quedan claros los riesgos o cómo se sabrán los resultados.",
            pt: "Um plano sólido com lacunas: os riscos ou como os resultados serão conhecidos não estão claros.",
          },
          high: {
            en: "Clear, realistic steps to clear outcomes, with risks foreseen.",
            es: "Pasos claros y realistas hacia resultados claros, con los riesgos previstos.",
            pt: "Passos claros e realistas rumo a resultados claros, com os riscos previstos.",
          },
        },
      },
      {
        id: "capacity",
        label: { en: "Capacity to deliver", es: "Capacidad de ejecución", pt: "Capacidade de execução" },
        weight: 2,
        scale: {
          low: {
            en: "No sign the team has done similar work or can manage the funds.",
            es: "Nada indica que el equipo haya hecho un trabajo parecido o pueda gestionar los fondos.",
            pt: "Nada indica que a equipe tenha feito trabalho parecido ou possa gerir os recursos.",
          },
          mid: {
            en: "Some related experience; the team would need support.",
            es: "Alguna experiencia afín; el equipo necesitaría apoyo.",
            pt: "Alguma experiência afim; a equipe precisaria de apoio.",
          },
          high: {
            en: "A track record of similar work and of managing grants this size.",
            es: "Trayectoria en trabajos parecidos y en gestionar becas de este tamaño.",
            pt: "Histórico de trabalhos parecidos e de gestão de subsídios deste porte.",
          },
        },
      },
      {
        id: "value",
        label: { en: "Value for money", es: "Relación costo-beneficio", pt: "Custo-benefício" },
        weight: 2,
        scale: {
          low: {
            en: "Costs are unexplained or far above what the work needs.",
            es: "Los costos no se explican o superan con creces lo que el trabajo necesita.",
            pt: "Os custos não são explicados ou superam muito o que o trabalho precisa.",
          },
          mid: {
            en: "Reasonable costs, with some items unexplained or high.",
            es: "Costos razonables, con algunas partidas sin explicar o elevadas.",
            pt: "Custos razoáveis, com alguns itens sem explicação ou elevados.",
          },
          high: {
            en: "Every cost is explained and in proportion to the results.",
            es: "Cada costo está explicado y guarda proporción con los resultados.",
            pt: "Cada custo está explicado e é proporcional aos resultados.",
          },
        },
      },
    ],
  },
  // The second stage: the shortlisted write a full proposal, with a detailed budget and a work plan.
  fullApplication: {
    days: 30,
    decisionDays: 45,
    reminderDays: 20,
    escalationDays: 35,
    fields: [
      {
        id: "context",
        label: { en: "Context and need", es: "Contexto y necesidad", pt: "Contexto e necessidade" },
        help: {
          en: "The situation the people you work with face, with evidence, and why your organisation is the one to act.",
          es: "La situación que enfrentan las personas con las que trabajan, con evidencia, y por qué su organización es la indicada para actuar.",
          pt: "A situação que as pessoas com quem vocês trabalham enfrentam, com evidências, e por que a sua organização é a indicada para agir.",
        },
        maxWords: 600,
      },
      {
        id: "activities",
        label: { en: "Activities and timeline", es: "Actividades y calendario", pt: "Atividades e cronograma" },
        help: {
          en: "What you will do, month by month, and who does it.",
          es: "Lo que harán, mes a mes, y quién lo hace.",
          pt: "O que vocês farão, mês a mês, e quem faz.",
        },
        maxWords: 800,
      },
      {
        id: "risks",
        label: { en: "Risks and safety", es: "Riesgos y seguridad", pt: "Riscos e segurança" },
        help: {
          en: "What could go wrong for your team and the people you work with, and how you will keep them safe.",
          es: "Qué podría salir mal para su equipo y las personas con las que trabajan, y cómo las mantendrán a salvo.",
          pt: "O que pode dar errado para a sua equipe e as pessoas com quem vocês trabalham, e como vão mantê-las em segurança.",
        },
        maxWords: 500,
      },
      {
        id: "sustainability",
        label: { en: "After the grant", es: "Después de la beca", pt: "Depois do apoio" },
        help: {
          en: "What continues once the year is over. Optional.",
          es: "Qué continúa cuando termine el año. Opcional.",
          pt: "O que continua quando o ano terminar. Opcional.",
        },
        maxWords: 300,
        required: false,
      },
    ],
    documents: [
      {
        id: "detailed-budget",
        label: { en: "Detailed budget", es: "Presupuesto detallado", pt: "Orçamento detalhado" },
        help: {
          en: "Every cost, by month or quarter, in USD.",
          es: "Cada costo, por mes o trimestre, en USD.",
          pt: "Cada custo, por mês ou trimestre, em USD.",
        },
        required: true,
        maxBytes: 10 * 1024 * 1024,
        types: spreadsheetsAndPdf,
      },
      {
        id: "work-plan",
        label: { en: "Work plan", es: "Plan de trabajo", pt: "Plano de trabalho" },
        required: true,
        maxBytes: 10 * 1024 * 1024,
        types: ["application/pdf", "application/vnd.oasis.opendocument.spreadsheet", "text/csv"],
      },
    ],
    rubric: {
      criteria: [
        {
          id: "feasibility",
          label: { en: "Feasibility", es: "Viabilidad", pt: "Viabilidade" },
          weight: 3,
          scale: {
            low: {
              en: "The plan cannot be done with this team, time or money.",
              es: "El plan no puede realizarse con este equipo, tiempo o dinero.",
              pt: "O plano não pode ser feito com esta equipe, tempo ou dinheiro.",
            },
            mid: {
              en: "Doable, with gaps in the timeline or the team.",
              es: "Realizable, con vacíos en el calendario o el equipo.",
              pt: "Factível, com lacunas no cronograma ou na equipe.",
            },
            high: {
              en: "A clear, realistic plan with the people to carry it out.",
              es: "Un plan claro y realista, con las personas para llevarlo a cabo.",
              pt: "Um plano claro e realista, com as pessoas para executá-lo.",
            },
          },
        },
        {
          id: "safety",
          label: { en: "Safety of the people involved", es: "Seguridad de las personas", pt: "Segurança das pessoas" },
          weight: 2,
          scale: {
            low: {
              en: "Risks to the team or participants are not considered.",
              es: "No se consideran los riesgos para el equipo o participantes.",
              pt: "Os riscos para a equipe ou participantes não são considerados.",
            },
            mid: {
              en: "The main risks are named, with partial measures.",
              es: "Se nombran los riesgos principales, con medidas parciales.",
              pt: "Os principais riscos são citados, com medidas parciais.",
            },
            high: {
              en: "Risks are assessed and each has a credible measure.",
              es: "Los riesgos están evaluados y cada uno tiene una medida creíble.",
              pt: "Os riscos estão avaliados e cada um tem uma medida confiável.",
            },
          },
        },
        {
          id: "budget",
          label: { en: "Budget", es: "Presupuesto", pt: "Orçamento" },
          weight: 2,
          scale: {
            low: {
              en: "The budget does not match the activities.",
              es: "El presupuesto no corresponde a las actividades.",
              pt: "O orçamento não corresponde às atividades.",
            },
            mid: {
              en: "Mostly matches, with some costs unexplained.",
              es: "Corresponde en general, con algunos costos sin explicar.",
              pt: "Corresponde em geral, com alguns custos sem explicação.",
            },
            high: {
              en: "Every cost follows from an activity and is reasonable.",
              es: "Cada costo se deriva de una actividad y es razonable.",
              pt: "Cada custo decorre de uma atividade e é razoável.",
            },
          },
        },
      ],
    },
  },
};
