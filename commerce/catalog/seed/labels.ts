/**
 * The catalog's small, shared vocabulary: attribute and option names, colour,
 * material and option-value codes, each labelled in every store language.
 * Products carry only codes; these tables are what the shop shows for them.
 *
 * @module
 */
import type { CatalogSeed, Localized } from "./types.ts";
import { LANGS, t } from "./_util.ts";

/** Names of attributes and variant options (`color` → "Farbe"). */
export const NAMES: Record<string, Localized> = {
  // Variant options
  color: t("Color", "Farbe", "Couleur", "Color", "カラー", "颜色", "اللون"),
  size: t("Size", "Größe", "Taille", "Tamaño", "サイズ", "尺寸", "المقاس"),
  length: t("Length", "Länge", "Longueur", "Longitud", "長さ", "长度", "الطول"),
  width: t("Width", "Breite", "Largeur", "Ancho", "幅", "宽度", "العرض"),
  diameter: t(
    "Diameter",
    "Durchmesser",
    "Diamètre",
    "Diámetro",
    "直径",
    "直径",
    "القطر",
  ),
  capacity: t(
    "Capacity",
    "Fassungsvermögen",
    "Capacité",
    "Capacidad",
    "容量",
    "容量",
    "السعة",
  ),
  set: t(
    "Pack size",
    "Set-Größe",
    "Lot",
    "Pack",
    "セット内容",
    "套装件数",
    "عدد القطع",
  ),
  dimensions: t(
    "Dimensions",
    "Maße",
    "Dimensions",
    "Medidas",
    "寸法",
    "规格",
    "الأبعاد",
  ),
  sleeps: t(
    "Sleeps",
    "Personen",
    "Places",
    "Plazas",
    "定員",
    "适用人数",
    "عدد الأشخاص",
  ),
  format: t("Format", "Format", "Format", "Formato", "判型", "开本", "القياس"),
  nib: t("Nib", "Federbreite", "Plume", "Plumín", "ペン先", "笔尖", "سن القلم"),
  fitting: t(
    "Fitting",
    "Sockel",
    "Culot",
    "Casquillo",
    "口金",
    "灯头",
    "نوع القاعدة",
  ),
  plug: t("Plug", "Stecker", "Fiche", "Enchufe", "プラグ", "插头", "القابس"),
  power: t(
    "Output",
    "Leistung",
    "Puissance",
    "Potencia",
    "出力",
    "功率",
    "القدرة",
  ),
  scent: t("Scent", "Duft", "Parfum", "Aroma", "香り", "香型", "الرائحة"),
  // Attributes
  material: t(
    "Material",
    "Material",
    "Matière",
    "Material",
    "素材",
    "材质",
    "الخامة",
  ),
  ruling: t(
    "Ruling",
    "Lineatur",
    "Réglure",
    "Pauta",
    "罫線",
    "内页样式",
    "نوع التسطير",
  ),
  fill: t(
    "Filling",
    "Füllung",
    "Garnissage",
    "Relleno",
    "中わた",
    "填充物",
    "الحشوة",
  ),
  connectivity: t(
    "Connectivity",
    "Verbindung",
    "Connectivité",
    "Conectividad",
    "接続方式",
    "连接方式",
    "الاتصال",
  ),
  ip_rating: t(
    "Water resistance",
    "Wasserschutz",
    "Étanchéité",
    "Resistencia al agua",
    "防水等級",
    "防水等级",
    "مقاومة الماء",
  ),
  capacity_ml: t(
    "Capacity (ml)",
    "Fassungsvermögen (ml)",
    "Capacité (ml)",
    "Capacidad (ml)",
    "容量（ml）",
    "容量（毫升）",
    "السعة (مل)",
  ),
  volume_l: t(
    "Volume (l)",
    "Volumen (l)",
    "Volume (l)",
    "Volumen (l)",
    "容量（L）",
    "容积（升）",
    "الحجم (لتر)",
  ),
  blade_length_cm: t(
    "Blade length (cm)",
    "Klingenlänge (cm)",
    "Longueur de lame (cm)",
    "Longitud de hoja (cm)",
    "刃渡り（cm）",
    "刃长（厘米）",
    "طول النصل (سم)",
  ),
  diameter_cm: t(
    "Diameter (cm)",
    "Durchmesser (cm)",
    "Diamètre (cm)",
    "Diámetro (cm)",
    "直径（cm）",
    "直径（厘米）",
    "القطر (سم)",
  ),
  slots: t(
    "Slots",
    "Steckplätze",
    "Emplacements",
    "Ranuras",
    "収納本数",
    "插槽数",
    "عدد الفتحات",
  ),
  pieces: t("Pieces", "Teile", "Pièces", "Piezas", "点数", "件数", "عدد القطع"),
  pages: t(
    "Pages",
    "Seiten",
    "Pages",
    "Páginas",
    "ページ数",
    "页数",
    "عدد الصفحات",
  ),
  lumens: t(
    "Brightness (lm)",
    "Helligkeit (lm)",
    "Luminosité (lm)",
    "Luminosidad (lm)",
    "明るさ（lm）",
    "亮度（流明）",
    "السطوع (لومن)",
  ),
  power_w: t(
    "Power (W)",
    "Leistung (W)",
    "Puissance (W)",
    "Potencia (W)",
    "出力（W）",
    "功率（瓦）",
    "القدرة (واط)",
  ),
  battery_life_h: t(
    "Battery life (h)",
    "Akkulaufzeit (Std.)",
    "Autonomie (h)",
    "Autonomía (h)",
    "バッテリー持続時間（時間）",
    "续航时间（小时）",
    "عمر البطارية (ساعة)",
  ),
  burn_time_h: t(
    "Burn time (h)",
    "Brenndauer (Std.)",
    "Durée de combustion (h)",
    "Duración de la vela (h)",
    "燃焼時間（時間）",
    "燃烧时长（小时）",
    "مدة الاشتعال (ساعة)",
  ),
  keeps_hot_h: t(
    "Keeps hot (h)",
    "Hält heiß (Std.)",
    "Garde au chaud (h)",
    "Mantiene caliente (h)",
    "保温効力（時間）",
    "保温时长（小时）",
    "يحافظ على السخونة (ساعة)",
  ),
  keeps_cold_h: t(
    "Keeps cold (h)",
    "Hält kalt (Std.)",
    "Garde au frais (h)",
    "Mantiene frío (h)",
    "保冷効力（時間）",
    "保冷时长（小时）",
    "يحافظ على البرودة (ساعة)",
  ),
  comfort_temp_c: t(
    "Comfort temperature (°C)",
    "Komforttemperatur (°C)",
    "Température de confort (°C)",
    "Temperatura de confort (°C)",
    "快適使用温度（℃）",
    "舒适温度（°C）",
    "درجة حرارة الراحة (°م)",
  ),
  max_load_kg: t(
    "Max. load (kg)",
    "Max. Belastbarkeit (kg)",
    "Charge max. (kg)",
    "Carga máx. (kg)",
    "耐荷重（kg）",
    "最大承重（公斤）",
    "الحمولة القصوى (كغ)",
  ),
  laptop_in: t(
    "Fits laptops up to (in)",
    "Laptopfach bis (Zoll)",
    "Ordinateur jusqu'à (pouces)",
    "Portátil de hasta (pulgadas)",
    "対応PCサイズ（インチ）",
    "适用电脑尺寸（英寸）",
    "يتسع لحاسوب حتى (بوصة)",
  ),
  waterproof: t(
    "Waterproof",
    "Wasserdicht",
    "Imperméable",
    "Impermeable",
    "防水",
    "防水",
    "مقاوم للماء",
  ),
  wireless: t(
    "Wireless",
    "Kabellos",
    "Sans fil",
    "Inalámbrico",
    "ワイヤレス",
    "无线",
    "لاسلكي",
  ),
  dimmable: t(
    "Dimmable",
    "Dimmbar",
    "Intensité réglable",
    "Regulable",
    "調光対応",
    "可调光",
    "قابل لتعديل الإضاءة",
  ),
  noise_cancelling: t(
    "Active noise cancelling",
    "Aktive Geräuschunterdrückung",
    "Réduction de bruit active",
    "Cancelación activa de ruido",
    "アクティブノイズキャンセリング",
    "主动降噪",
    "إلغاء الضوضاء النشط",
  ),
  dishwasher_safe: t(
    "Dishwasher safe",
    "Spülmaschinenfest",
    "Compatible lave-vaisselle",
    "Apto para lavavajillas",
    "食洗機対応",
    "可用洗碗机清洗",
    "آمن في غسالة الأطباق",
  ),
  induction_ready: t(
    "Induction compatible",
    "Induktionsgeeignet",
    "Compatible induction",
    "Apto para inducción",
    "IH対応",
    "适用电磁炉",
    "مناسب لمواقد الحث",
  ),
  oven_safe: t(
    "Oven safe",
    "Backofenfest",
    "Va au four",
    "Apto para horno",
    "オーブン対応",
    "可进烤箱",
    "مناسب للفرن",
  ),
};

/** A value code whose label is also used inside sentences. */
interface Term {
  label: Localized;
  /** The form used in running text where it differs from the label. */
  prose: Localized;
}

function term(label: Localized, prose: Partial<Localized> = {}): Term {
  return {
    label,
    prose: {
      en: prose.en ?? label.en.toLowerCase(),
      de: prose.de ?? label.de,
      fr: prose.fr ?? label.fr.toLowerCase(),
      es: prose.es ?? label.es.toLowerCase(),
      ja: prose.ja ?? label.ja,
      zh: prose.zh ?? label.zh,
      ar: prose.ar ?? `ال${label.ar}`,
    },
  };
}

/** Colour codes; the prose form reads "in black" / "باللون الأسود". */
export const COLORS = {
  black: term(
    t("Black", "Schwarz", "Noir", "Negro", "ブラック", "黑色", "أسود"),
  ),
  white: term(
    t("White", "Weiß", "Blanc", "Blanco", "ホワイト", "白色", "أبيض"),
  ),
  grey: term(t("Gray", "Grau", "Gris", "Gris", "グレー", "灰色", "رمادي")),
  navy: term(
    t(
      "Navy",
      "Marineblau",
      "Bleu marine",
      "Azul marino",
      "ネイビー",
      "藏青色",
      "كحلي",
    ),
  ),
  blue: term(t("Blue", "Blau", "Bleu", "Azul", "ブルー", "蓝色", "أزرق")),
  red: term(t("Red", "Rot", "Rouge", "Rojo", "レッド", "红色", "أحمر")),
  green: term(t("Green", "Grün", "Vert", "Verde", "グリーン", "绿色", "أخضر")),
  olive: term(
    t(
      "Olive",
      "Oliv",
      "Vert olive",
      "Verde oliva",
      "オリーブ",
      "橄榄绿",
      "زيتوني",
    ),
  ),
  sand: term(t("Sand", "Sand", "Sable", "Arena", "サンド", "沙色", "رملي")),
  brown: term(
    t("Brown", "Braun", "Marron", "Marrón", "ブラウン", "棕色", "بني"),
  ),
  terracotta: term(
    t(
      "Terracotta",
      "Terrakotta",
      "Terracotta",
      "Terracota",
      "テラコッタ",
      "陶土色",
      "تيراكوتا",
    ),
    { ar: "التيراكوتا" },
  ),
  pink: term(t("Pink", "Rosa", "Rose", "Rosa", "ピンク", "粉色", "وردي")),
  yellow: term(
    t("Yellow", "Gelb", "Jaune", "Amarillo", "イエロー", "黄色", "أصفر"),
  ),
  natural: term(
    t(
      "Natural",
      "Natur",
      "Naturel",
      "Natural",
      "ナチュラル",
      "原木色",
      "طبيعي",
    ),
  ),
  silver: term(
    t("Silver", "Silber", "Argent", "Plata", "シルバー", "银色", "فضي"),
  ),
  gold: term(t("Gold", "Gold", "Doré", "Dorado", "ゴールド", "金色", "ذهبي")),
  clear: term(
    t("Clear", "Klar", "Transparent", "Transparente", "クリア", "透明", "شفاف"),
  ),
} as const satisfies Record<string, Term>;

/** A colour code. */
export type ColorCode = keyof typeof COLORS;

/**
 * Material codes. The prose form fits after "made of" / "aus" (dative) /
 * "en" / "de" / "من", so templates never need articles or agreement.
 */
export const MATERIALS = {
  stainless_steel: term(
    t(
      "Stainless steel",
      "Edelstahl",
      "Acier inoxydable",
      "Acero inoxidable",
      "ステンレス",
      "不锈钢",
      "فولاذ مقاوم للصدأ",
    ),
    { ar: "الفولاذ المقاوم للصدأ" },
  ),
  carbon_steel: term(
    t(
      "Carbon steel",
      "Karbonstahl",
      "Acier au carbone",
      "Acero al carbono",
      "炭素鋼",
      "碳钢",
      "فولاذ كربوني",
    ),
    { ar: "الفولاذ الكربوني" },
  ),
  damascus_steel: term(
    t(
      "Damascus steel",
      "Damaststahl",
      "Acier damassé",
      "Acero de Damasco",
      "ダマスカス鋼",
      "大马士革钢",
      "فولاذ دمشقي",
    ),
    { es: "acero de Damasco", ar: "الفولاذ الدمشقي" },
  ),
  cast_iron: term(
    t(
      "Cast iron",
      "Gusseisen",
      "Fonte",
      "Hierro fundido",
      "鋳鉄",
      "铸铁",
      "حديد زهر",
    ),
    { ar: "الحديد الزهر" },
  ),
  enamelled_cast_iron: term(
    t(
      "Enameled cast iron",
      "Emailliertes Gusseisen",
      "Fonte émaillée",
      "Hierro fundido esmaltado",
      "ホーロー鋳物",
      "珐琅铸铁",
      "حديد زهر مطلي بالمينا",
    ),
    { de: "emailliertem Gusseisen", ar: "الحديد الزهر المطلي بالمينا" },
  ),
  aluminium: term(
    t(
      "Aluminum",
      "Aluminium",
      "Aluminium",
      "Aluminio",
      "アルミニウム",
      "铝合金",
      "ألومنيوم",
    ),
  ),
  copper: term(t("Copper", "Kupfer", "Cuivre", "Cobre", "銅", "紫铜", "نحاس")),
  brass: term(
    t("Brass", "Messing", "Laiton", "Latón", "真鍮", "黄铜", "نحاس أصفر"),
    { ar: "النحاس الأصفر" },
  ),
  oak: term(
    t("Oak", "Eiche", "Chêne", "Roble", "オーク材", "橡木", "خشب البلوط"),
    { de: "Eichenholz", ar: "خشب البلوط" },
  ),
  walnut: term(
    t(
      "Walnut",
      "Nussbaum",
      "Noyer",
      "Nogal",
      "ウォールナット材",
      "胡桃木",
      "خشب الجوز",
    ),
    { de: "Nussbaumholz", ar: "خشب الجوز" },
  ),
  acacia: term(
    t(
      "Acacia",
      "Akazie",
      "Acacia",
      "Acacia",
      "アカシア材",
      "相思木",
      "خشب الأكاسيا",
    ),
    { de: "Akazienholz", ar: "خشب الأكاسيا" },
  ),
  beech: term(
    t("Beech", "Buche", "Hêtre", "Haya", "ブナ材", "山毛榉木", "خشب الزان"),
    { de: "Buchenholz", ar: "خشب الزان" },
  ),
  bamboo: term(
    t("Bamboo", "Bambus", "Bambou", "Bambú", "竹", "竹材", "خيزران"),
  ),
  stoneware: term(
    t("Stoneware", "Steinzeug", "Grès", "Gres", "炻器", "炻瓷", "فخار حجري"),
    { ar: "الفخار الحجري" },
  ),
  porcelain: term(
    t(
      "Porcelain",
      "Porzellan",
      "Porcelaine",
      "Porcelana",
      "磁器",
      "白瓷",
      "بورسلين",
    ),
  ),
  ceramic: term(
    t("Ceramic", "Keramik", "Céramique", "Cerámica", "陶器", "陶瓷", "سيراميك"),
  ),
  glass: term(t("Glass", "Glas", "Verre", "Vidrio", "ガラス", "玻璃", "زجاج")),
  borosilicate_glass: term(
    t(
      "Borosilicate glass",
      "Borosilikatglas",
      "Verre borosilicate",
      "Vidrio de borosilicato",
      "耐熱ガラス",
      "高硼硅玻璃",
      "زجاج بوروسيليكات",
    ),
    { ar: "زجاج البوروسيليكات" },
  ),
  cotton: term(
    t("Cotton", "Baumwolle", "Coton", "Algodón", "コットン", "纯棉", "قطن"),
  ),
  organic_cotton: term(
    t(
      "Organic cotton",
      "Bio-Baumwolle",
      "Coton bio",
      "Algodón orgánico",
      "オーガニックコットン",
      "有机棉",
      "قطن عضوي",
    ),
    { ar: "القطن العضوي" },
  ),
  linen: term(t("Linen", "Leinen", "Lin", "Lino", "リネン", "亚麻", "كتان")),
  wool: term(t("Wool", "Wolle", "Laine", "Lana", "ウール", "羊毛", "صوف")),
  leather: term(
    t("Leather", "Leder", "Cuir", "Piel", "本革", "真皮", "جلد طبيعي"),
    { ar: "الجلد الطبيعي" },
  ),
  canvas: term(
    t("Canvas", "Canvas", "Toile", "Lona", "キャンバス", "帆布", "قماش كانفاس"),
    { ar: "قماش الكانفاس" },
  ),
  felt: term(
    t("Felt", "Filz", "Feutre", "Fieltro", "フェルト", "毛毡", "لباد"),
  ),
  recycled_nylon: term(
    t(
      "Recycled nylon",
      "Recyceltes Nylon",
      "Nylon recyclé",
      "Nailon reciclado",
      "リサイクルナイロン",
      "再生尼龙",
      "نايلون معاد تدويره",
    ),
    { de: "recyceltem Nylon", ar: "النايلون المعاد تدويره" },
  ),
  recycled_polyester: term(
    t(
      "Recycled polyester",
      "Recyceltes Polyester",
      "Polyester recyclé",
      "Poliéster reciclado",
      "リサイクルポリエステル",
      "再生涤纶",
      "بوليستر معاد تدويره",
    ),
    { de: "recyceltem Polyester", ar: "البوليستر المعاد تدويره" },
  ),
  recycled_plastic: term(
    t(
      "Recycled plastic",
      "Recycelter Kunststoff",
      "Plastique recyclé",
      "Plástico reciclado",
      "再生プラスチック",
      "再生塑料",
      "بلاستيك معاد تدويره",
    ),
    { de: "recyceltem Kunststoff", ar: "البلاستيك المعاد تدويره" },
  ),
  polycarbonate: term(
    t(
      "Polycarbonate",
      "Polycarbonat",
      "Polycarbonate",
      "Policarbonato",
      "ポリカーボネート",
      "聚碳酸酯",
      "بولي كربونات",
    ),
  ),
  soy_wax: term(
    t(
      "Soy wax",
      "Sojawachs",
      "Cire de soja",
      "Cera de soja",
      "ソイワックス",
      "大豆蜡",
      "شمع الصويا",
    ),
    { ar: "شمع الصويا" },
  ),
  paper: term(t("Paper", "Papier", "Papier", "Papel", "紙", "纸张", "ورق")),
} as const satisfies Record<string, Term>;

/** A material code. */
export type MaterialCode = keyof typeof MATERIALS;

function same(text: string, ar = text): Localized {
  return t(text, text, text, text, text, text, ar);
}

function cm(n: number): Localized {
  return t(
    `${n} cm`,
    `${n} cm`,
    `${n} cm`,
    `${n} cm`,
    `${n}cm`,
    `${n}cm`,
    `${n} سم`,
  );
}

function ml(n: number): Localized {
  return t(
    `${n} ml`,
    `${n} ml`,
    `${n} ml`,
    `${n} ml`,
    `${n}ml`,
    `${n}ml`,
    `${n} مل`,
  );
}

function litres(n: number): Localized {
  return t(
    `${n} L`,
    `${n} l`,
    `${n} l`,
    `${n} l`,
    `${n}L`,
    `${n}L`,
    `${n} لتر`,
  );
}

function dims(w: number, h: number): Localized {
  return t(
    `${w} × ${h} cm`,
    `${w} × ${h} cm`,
    `${w} × ${h} cm`,
    `${w} × ${h} cm`,
    `${w}×${h}cm`,
    `${w}×${h}cm`,
    `${w} × ${h} سم`,
  );
}

/** Every other string value code used by options and attributes. */
export const VALUES: Record<string, Localized> = {
  xs: same("XS"),
  s: same("S"),
  m: same("M"),
  l: same("L"),
  xl: same("XL"),
  ...Object.fromEntries(
    [9, 16, 18, 20, 24, 28, 30, 34, 40, 50, 60, 80, 100].map((
      n,
    ) => [`${n}cm`, cm(n)]),
  ),
  ...Object.fromEntries(
    [250, 350, 450, 500, 600, 750].map((n) => [`${n}ml`, ml(n)]),
  ),
  ...Object.fromEntries(
    [1, 2, 5, 8, 20, 30, 40, 50].map((n) => [`${n}l`, litres(n)]),
  ),
  ...Object.fromEntries(
    [
      [45, 45],
      [50, 50],
      [70, 140],
      [100, 150],
      [135, 200],
      [155, 220],
      [200, 200],
      [120, 170],
      [160, 230],
      [200, 300],
    ]
      .map(([w, h]) => [`${w}x${h}`, dims(w, h)]),
  ),
  "1m": t("1 m", "1 m", "1 m", "1 m", "1m", "1米", "1 م"),
  "2m": t("2 m", "2 m", "2 m", "2 m", "2m", "2米", "2 م"),
  set2: t(
    "Set of 2",
    "2er-Set",
    "Lot de 2",
    "Pack de 2",
    "2個セット",
    "2件装",
    "طقم من قطعتين",
  ),
  set3: t(
    "Set of 3",
    "3er-Set",
    "Lot de 3",
    "Pack de 3",
    "3個セット",
    "3件装",
    "طقم من 3 قطع",
  ),
  set4: t(
    "Set of 4",
    "4er-Set",
    "Lot de 4",
    "Pack de 4",
    "4個セット",
    "4件装",
    "طقم من 4 قطع",
  ),
  set6: t(
    "Set of 6",
    "6er-Set",
    "Lot de 6",
    "Pack de 6",
    "6個セット",
    "6件装",
    "طقم من 6 قطع",
  ),
  "3cup": t(
    "3 cups",
    "3 Tassen",
    "3 tasses",
    "3 tazas",
    "3杯用",
    "3杯份",
    "3 أكواب",
  ),
  "6cup": t(
    "6 cups",
    "6 Tassen",
    "6 tasses",
    "6 tazas",
    "6杯用",
    "6杯份",
    "6 أكواب",
  ),
  "2p": t(
    "2 people",
    "2 Personen",
    "2 places",
    "2 plazas",
    "2人用",
    "2人",
    "شخصان",
  ),
  "3p": t(
    "3 people",
    "3 Personen",
    "3 places",
    "3 plazas",
    "3人用",
    "3人",
    "3 أشخاص",
  ),
  "4p": t(
    "4 people",
    "4 Personen",
    "4 places",
    "4 plazas",
    "4人用",
    "4人",
    "4 أشخاص",
  ),
  a6: same("A6"),
  a5: same("A5"),
  a4: same("A4"),
  a3: same("A3"),
  fine: t(
    "Fine (F)",
    "Fein (F)",
    "Fine (F)",
    "Fino (F)",
    "細字（F）",
    "细尖（F）",
    "رفيع (F)",
  ),
  medium: t(
    "Medium (M)",
    "Mittel (M)",
    "Moyenne (M)",
    "Medio (M)",
    "中字（M）",
    "中尖（M）",
    "متوسط (M)",
  ),
  broad: t(
    "Broad (B)",
    "Breit (B)",
    "Large (B)",
    "Ancho (B)",
    "太字（B）",
    "粗尖（B）",
    "عريض (B)",
  ),
  e27: same("E27"),
  e14: same("E14"),
  eu: t(
    "EU plug",
    "EU-Stecker",
    "Prise UE",
    "Enchufe UE",
    "EUプラグ",
    "欧标",
    "قابس أوروبي",
  ),
  uk: t(
    "UK plug",
    "UK-Stecker",
    "Prise britannique",
    "Enchufe británico",
    "UKプラグ",
    "英标",
    "قابس بريطاني",
  ),
  us: t(
    "US plug",
    "US-Stecker",
    "Prise américaine",
    "Enchufe estadounidense",
    "USプラグ",
    "美标",
    "قابس أمريكي",
  ),
  "30w": t("30 W", "30 W", "30 W", "30 W", "30W", "30W", "30 واط"),
  "65w": t("65 W", "65 W", "65 W", "65 W", "65W", "65W", "65 واط"),
  "100w": t("100 W", "100 W", "100 W", "100 W", "100W", "100W", "100 واط"),
  "10000mah": t(
    "10,000 mAh",
    "10.000 mAh",
    "10 000 mAh",
    "10.000 mAh",
    "10000mAh",
    "10000mAh",
    "10000 مللي أمبير",
  ),
  "20000mah": t(
    "20,000 mAh",
    "20.000 mAh",
    "20 000 mAh",
    "20.000 mAh",
    "20000mAh",
    "20000mAh",
    "20000 مللي أمبير",
  ),
  fig: t("Fig", "Feige", "Figue", "Higo", "フィグ", "无花果", "تين"),
  cedarwood: t(
    "Cedarwood",
    "Zedernholz",
    "Bois de cèdre",
    "Madera de cedro",
    "シダーウッド",
    "雪松",
    "خشب الأرز",
  ),
  neroli: t("Neroli", "Neroli", "Néroli", "Neroli", "ネロリ", "橙花", "نيرولي"),
  lavender: t(
    "Lavender",
    "Lavendel",
    "Lavande",
    "Lavanda",
    "ラベンダー",
    "薰衣草",
    "خزامى",
  ),
  sea_salt: t(
    "Sea salt",
    "Meersalz",
    "Sel marin",
    "Sal marina",
    "シーソルト",
    "海盐",
    "ملح البحر",
  ),
  dotted: t(
    "Dotted",
    "Gepunktet",
    "Pointillés",
    "Punteado",
    "ドット方眼",
    "点阵",
    "منقط",
  ),
  lined: t("Lined", "Liniert", "Ligné", "Rayado", "横罫", "横线", "مسطر"),
  plain: t("Plain", "Blanko", "Uni", "Liso", "無地", "空白", "سادة"),
  down: t("Down", "Daunen", "Duvet", "Plumón", "ダウン", "羽绒", "ريش طبيعي"),
  synthetic: t(
    "Synthetic",
    "Kunstfaser",
    "Synthétique",
    "Sintético",
    "化繊",
    "合成纤维",
    "ألياف صناعية",
  ),
  wifi: t("Wi-Fi", "WLAN", "Wi-Fi", "Wi-Fi", "Wi-Fi", "Wi-Fi", "واي فاي"),
  bluetooth: t(
    "Bluetooth",
    "Bluetooth",
    "Bluetooth",
    "Bluetooth",
    "Bluetooth",
    "蓝牙",
    "بلوتوث",
  ),
  ipx4: same("IPX4"),
  ipx7: same("IPX7"),
};

/**
 * The `labels` part of the seed: every name and value code above, per
 * language.
 */
export function buildLabels(): CatalogSeed["labels"] {
  const values: Record<string, Localized> = {
    ...Object.fromEntries(
      Object.entries(COLORS).map(([code, term]) => [code, term.label]),
    ),
    ...Object.fromEntries(
      Object.entries(MATERIALS).map(([code, term]) => [code, term.label]),
    ),
    ...VALUES,
  };
  const labels = {} as CatalogSeed["labels"];
  for (const lang of LANGS) {
    labels[lang] = {
      names: Object.fromEntries(
        Object.entries(NAMES).map(([code, label]) => [code, label[lang]]),
      ),
      values: Object.fromEntries(
        Object.entries(values).map(([code, label]) => [code, label[lang]]),
      ),
    };
  }
  return labels;
}
