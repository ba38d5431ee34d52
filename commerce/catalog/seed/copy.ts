/**
 * Product copy: where each language puts a series name, the opening
 * sentence of each family of products (naming the material) and two closing
 * sentences to choose from, SEO fields and image alt texts.
 *
 * Templates never refer to the product with an article or a pronoun outside
 * English: German, French, Spanish and Arabic sentences talk about a part
 * ("Die Klinge", "Sa lame", "هذا الطراز") whose gender is fixed, so no
 * template needs to know the grammatical gender of a product type.
 *
 * @module
 */
import type { Language } from "../../localization/mod.ts";
import type { Localized } from "./types.ts";
import { fill, t } from "./_util.ts";

/** The opening and closing sentences of a family of products. */
interface Family {
  /** Placeholders: {name} {material} {a_material} and English {is} {has} {s}. */
  intro: Localized;
  closers: readonly [Localized, Localized];
}

const WARRANTY_2Y = t(
  "Comes with a two-year warranty and free returns within 30 days.",
  "Mit zwei Jahren Garantie und kostenloser Rücksendung innerhalb von 30 Tagen.",
  "Garantie de deux ans et retour gratuit sous 30 jours.",
  "Dos años de garantía y devolución gratuita en 30 días.",
  "2年保証付き、30日以内は返品無料です。",
  "享两年质保，30天内免费退货。",
  "ضمان لمدة عامين وإرجاع مجاني خلال 30 يومًا.",
);

const DISHWASHER = t(
  "Dishwasher and microwave safe.",
  "Spülmaschinen- und mikrowellengeeignet.",
  "Compatible lave-vaisselle et micro-ondes.",
  "Se puede lavar en el lavavajillas y usar en el microondas.",
  "食洗機・電子レンジに対応しています。",
  "可用洗碗机清洗，可微波加热。",
  "الاستخدام في غسالة الأطباق والميكروويف آمن.",
);

const FAMILIES = {
  blade: {
    intro: t(
      "The {name} {has} {a_material} blade that takes a keen edge and holds it through months of daily prep.",
      "Die Klinge aus {material} lässt sich sehr fein schleifen und bleibt auch bei täglichem Gebrauch monatelang scharf.",
      "Sa lame en {material} s'affûte finement et garde son tranchant des mois durant, même en usage quotidien.",
      "Su hoja de {material} se afila con facilidad y conserva el filo durante meses de uso diario.",
      "{material}の刃は鋭く研ぎ上げられ、毎日使っても長く切れ味が続きます。",
      "{material}刀身锋利易磨，日常使用数月依旧锋利如初。",
      "النصل المصنوع من {material} يُشحذ بدقة ويحافظ على حدته شهورًا من الاستخدام اليومي.",
    ),
    closers: [
      t(
        "Hand wash and dry straight after use to keep it at its best.",
        "Am besten von Hand spülen und sofort abtrocknen.",
        "Lavage à la main recommandé, puis séchage immédiat.",
        "Lávalo a mano y sécalo enseguida para conservarlo en perfecto estado.",
        "使用後は手洗いし、すぐに水気を拭き取ってください。",
        "使用后请手洗并立即擦干。",
        "يُنصح بالغسل اليدوي والتجفيف فور الاستخدام.",
      ),
      t(
        "Covered by our lifetime warranty against manufacturing defects.",
        "Mit lebenslanger Garantie auf Material- und Verarbeitungsfehler.",
        "Garanti à vie contre les défauts de fabrication.",
        "Con garantía de por vida contra defectos de fabricación.",
        "製造上の欠陥には生涯保証が付きます。",
        "享终身质保，涵盖制造缺陷。",
        "ضمان مدى الحياة ضد عيوب التصنيع.",
      ),
    ],
  },
  wood: {
    intro: t(
      "The {name} {is} made from solid {material}, sanded smooth and finished with a natural oil that brings out the grain.",
      "Gefertigt aus massivem {material}, fein geschliffen und mit natürlichem Öl behandelt, das die Maserung betont.",
      "En {material} massif, avec un ponçage fin et une finition à l'huile naturelle qui révèle le veinage.",
      "Madera maciza de {material}, lijada con esmero y tratada con aceite natural que realza la veta.",
      "{material}を丁寧に磨き上げ、木目を引き立てる天然オイルで仕上げました。",
      "选用{material}，精细打磨，以天然木蜡油涂装，凸显木纹。",
      "صُنع هذا الطراز من {material} وصُقل بعناية ثم عولج بزيت طبيعي يبرز عروق الخشب.",
    ),
    closers: [
      t(
        "Wipe clean and re-oil now and then to keep the wood looking its best.",
        "Feucht abwischen und ab und zu nachölen, damit das Holz schön bleibt.",
        "Un coup d'éponge suffit ; huilez de temps en temps pour garder le bois éclatant.",
        "Basta con un paño húmedo y un poco de aceite de vez en cuando para que la madera luzca siempre bien.",
        "お手入れは拭き取るだけ。ときどきオイルを塗ると美しさが長持ちします。",
        "日常擦拭即可，定期上油让木质常保光泽。",
        "يكفي المسح بقطعة قماش رطبة مع تزييت الخشب من حين لآخر ليحافظ على جماله.",
      ),
      t(
        "Every piece shows its own grain, so no two are exactly alike.",
        "Jedes Stück zeigt seine eigene Maserung – keines gleicht dem anderen.",
        "Chaque pièce présente un veinage unique : aucune n'est identique.",
        "Cada pieza muestra su propia veta, así que no hay dos iguales.",
        "木目は一点ごとに異なり、同じものはふたつとありません。",
        "每件木纹各不相同，独一无二。",
        "لكل قطعة عروقها الخاصة، فلا تتشابه قطعتان تمامًا.",
      ),
    ],
  },
  cookware: {
    intro: t(
      "The {name} {is} built from {material} that heats evenly and works on every stovetop, including induction.",
      "Der Korpus aus {material} verteilt die Hitze gleichmäßig und eignet sich für alle Herdarten, auch für Induktion.",
      "Son corps en {material} répartit la chaleur de façon homogène et convient à tous les feux, induction comprise.",
      "Su cuerpo de {material} reparte el calor de forma uniforme y sirve para todo tipo de cocinas, incluida la inducción.",
      "{material}のボディは熱ムラが少なく、IHを含むすべての熱源で使えます。",
      "{material}锅身受热均匀，适用于包括电磁炉在内的各类炉具。",
      "الجسم المصنوع من {material} يوزع الحرارة بالتساوي ويناسب جميع أنواع المواقد، بما فيها مواقد الحث.",
    ),
    closers: [
      t(
        "Oven safe up to 260 °C (500 °F), handles included.",
        "Backofenfest bis 260 °C, Griffe inklusive.",
        "Va au four jusqu'à 260 °C, poignées comprises.",
        "Apto para horno hasta 260 °C, asas incluidas.",
        "取っ手ごとオーブンで260℃まで使用できます。",
        "连同手柄可进烤箱，耐温260°C。",
        "الاستخدام في الفرن ممكن حتى 260 درجة مئوية، بما في ذلك المقابض.",
      ),
      t(
        "Built to last through decades of everyday cooking.",
        "Eine Qualität, die Jahrzehnte täglichen Kochens übersteht.",
        "Une qualité faite pour durer des décennies de cuisine quotidienne.",
        "Una calidad pensada para durar décadas de cocina diaria.",
        "毎日の料理に何十年も寄り添う耐久性です。",
        "经久耐用，可陪伴数十年的日常烹饪。",
        "جودة مصممة لتدوم عقودًا من الطهي اليومي.",
      ),
    ],
  },
  coffee: {
    intro: t(
      "The {name} {is} made of {material} and designed around the small rituals that make a good cup.",
      "Gefertigt aus {material} und gestaltet für die kleinen Rituale, die eine gute Tasse ausmachen.",
      "Réalisation en {material}, au service des petits rituels qui font une bonne tasse.",
      "De {material}, con un diseño pensado para los pequeños rituales que hacen una buena taza.",
      "{material}を使い、おいしい一杯のためのささやかな習慣に寄り添うよう設計しました。",
      "采用{material}制成，为一杯好咖啡或好茶的日常仪式而设计。",
      "صُنع هذا الطراز من {material} وصُمم ليرافق الطقوس الصغيرة التي تصنع فنجانًا مثاليًا.",
    ),
    closers: [
      t(
        "Easy to take apart and rinse clean after every brew.",
        "Nach jedem Aufguss leicht zu zerlegen und auszuspülen.",
        "Se démonte et se rince facilement après chaque utilisation.",
        "Se desmonta y se enjuaga fácilmente tras cada uso.",
        "使うたびに簡単に分解して洗えます。",
        "每次使用后可轻松拆开冲洗。",
        "الفك والشطف سهلان بعد كل استخدام.",
      ),
      t(
        "A thoughtful gift for anyone who takes their morning cup seriously.",
        "Ein durchdachtes Geschenk für alle, denen die erste Tasse am Morgen heilig ist.",
        "Une belle idée cadeau pour ceux qui prennent leur première tasse du matin au sérieux.",
        "Un regalo acertado para quien se toma en serio su primera taza del día.",
        "朝の一杯にこだわる方への贈り物にも最適です。",
        "也是送给讲究早晨第一杯的人的贴心礼物。",
        "هدية مدروسة لكل من يهتم بفنجانه الصباحي.",
      ),
    ],
  },
  ceramic: {
    intro: t(
      "The {name} {is} shaped from {material} and finished with a glaze that feels smooth in the hand.",
      "Geformt aus {material} und mit einer Glasur überzogen, die sich glatt und angenehm anfühlt.",
      "Réalisation en {material}, avec un émail lisse et agréable au toucher.",
      "De {material}, con un esmalte liso y agradable al tacto.",
      "{material}を成形し、手になじむなめらかな釉薬で仕上げました。",
      "以{material}成型，釉面顺滑温润，手感舒适。",
      "صُنع هذا الطراز من {material} وكُسي بطبقة مزججة ناعمة الملمس.",
    ),
    closers: [
      DISHWASHER,
      t(
        "Slight variations in the glaze make every piece unique.",
        "Leichte Unterschiede in der Glasur machen jedes Stück einzigartig.",
        "De légères variations d'émail rendent chaque pièce unique.",
        "Las ligeras variaciones del esmalte hacen única cada pieza.",
        "釉薬の表情が一つひとつ異なる、世界にひとつの器です。",
        "釉色略有差异，每件都独一无二。",
        "الاختلافات الطفيفة في الطلاء تجعل كل قطعة فريدة.",
      ),
    ],
  },
  glass: {
    intro: t(
      "The {name} {is} mouth-blown from {material} for a fine rim and a light, balanced feel.",
      "Mundgeblasen aus {material}, mit feinem Rand und leichter, ausgewogener Haptik.",
      "En {material} soufflé à la bouche, avec un buvant fin et une belle légèreté en main.",
      "De {material} soplado a boca, con un borde fino y una ligereza agradable en la mano.",
      "口吹きの{material}製。薄い飲み口と軽やかな手ざわりが魅力です。",
      "{material}人工吹制，杯口纤薄，手感轻盈。",
      "نُفخ هذا الطراز يدويًا من {material}، بحافة رقيقة وملمس خفيف متوازن.",
    ),
    closers: [
      t(
        "Dishwasher safe and easy to stack in the cupboard.",
        "Spülmaschinenfest und platzsparend stapelbar.",
        "Passe au lave-vaisselle et s'empile facilement dans le placard.",
        "Se puede lavar en el lavavajillas y se apila con facilidad.",
        "食洗機対応で、重ねて収納できます。",
        "可用洗碗机清洗，可叠放收纳。",
        "الغسل في غسالة الأطباق آمن، والتكديس في الخزانة سهل.",
      ),
      t(
        "Lead-free glass, made in a family-run glassworks.",
        "Bleifreies Glas aus einer familiengeführten Glashütte.",
        "Verre sans plomb, issu d'une verrerie familiale.",
        "Vidrio sin plomo, fabricado en una vidriería familiar.",
        "家族経営のガラス工房で作られた無鉛ガラスです。",
        "无铅玻璃，出自家族经营的玻璃工坊。",
        "زجاج خالٍ من الرصاص من إنتاج مصنع زجاج عائلي.",
      ),
    ],
  },
  cutlery: {
    intro: t(
      "The {name} {is} forged from {material}, with weighted handles that feel substantial in the hand.",
      "Geschmiedet aus {material}, mit ausbalancierten Griffen, die satt in der Hand liegen.",
      "En {material} forgé, avec des manches lestés, agréables en main.",
      "De {material} forjado, con mangos equilibrados que se sienten firmes en la mano.",
      "{material}を鍛造し、手にしっかりなじむ重みのある柄に仕上げました。",
      "{material}锻造，手柄配重均衡，握感扎实。",
      "طُرق هذا الطقم من {material}، بمقابض متوازنة الوزن تمنح إحساسًا متينًا في اليد.",
    ),
    closers: [
      t(
        "Dishwasher safe.",
        "Spülmaschinenfest.",
        "Compatible lave-vaisselle.",
        "Se puede lavar en el lavavajillas.",
        "食洗機に対応しています。",
        "可用洗碗机清洗。",
        "الغسل في غسالة الأطباق آمن.",
      ),
      t(
        "Comes in a gift box, ready to give.",
        "Geliefert in einer Geschenkbox.",
        "Livrée dans un coffret cadeau.",
        "Se entrega en caja de regalo.",
        "ギフトボックス入りでお届けします。",
        "附精美礼盒包装。",
        "يأتي في علبة هدايا.",
      ),
    ],
  },
  lamp: {
    intro: t(
      "The {name} pair{s} {a_material} body with an energy-efficient LED that gives warm, flicker-free light.",
      "Ein Korpus aus {material} trifft auf eine sparsame LED mit warmem, flimmerfreiem Licht.",
      "Un corps en {material} et une LED basse consommation pour une lumière chaude, sans scintillement.",
      "Un cuerpo de {material} y un LED de bajo consumo para una luz cálida y sin parpadeo.",
      "{material}のボディに省エネLEDを組み合わせ、ちらつきのないあたたかな光を届けます。",
      "{material}灯体搭配节能LED光源，光线温暖无频闪。",
      "يجمع هذا الطراز بين هيكل من {material} ومصباح LED موفر للطاقة يمنح ضوءًا دافئًا خاليًا من الوميض.",
    ),
    closers: [
      t(
        "The LED is included and rated for 25,000 hours.",
        "Leuchtmittel inklusive, mit einer Lebensdauer von 25.000 Stunden.",
        "Ampoule LED fournie, d'une durée de vie de 25 000 heures.",
        "Bombilla LED incluida, con una vida útil de 25.000 horas.",
        "LED光源付きで、寿命は約25,000時間です。",
        "附赠LED光源，寿命长达25000小时。",
        "مصباح LED مرفق بعمر تشغيلي يصل إلى 25 ألف ساعة.",
      ),
      t(
        "Designed in our studio and tested to international safety standards.",
        "In unserem Studio entworfen und nach internationalen Sicherheitsnormen geprüft.",
        "Un dessin de notre studio, conforme aux normes de sécurité internationales.",
        "Diseño de nuestro estudio, conforme a las normas internacionales de seguridad.",
        "自社スタジオでデザインし、国際安全規格の試験に合格しています。",
        "由我们的设计工作室打造，通过国际安全标准测试。",
        "تصميم من الاستوديو الخاص بنا، مطابق لمعايير السلامة الدولية.",
      ),
    ],
  },
  textile: {
    intro: t(
      "The {name} {is} woven from {material} for a soft touch and a natural, lived-in texture.",
      "Gewebt aus {material} – mit weichem Griff und natürlicher, lebendiger Struktur.",
      "Un tissage en {material}, doux au toucher et à la texture naturelle.",
      "Un tejido de {material} suave al tacto y de textura natural.",
      "{material}を織り上げ、やわらかな肌ざわりと自然な風合いに仕上げました。",
      "以{material}织造，手感柔软，纹理自然。",
      "نُسج هذا الطراز من {material} بملمس ناعم وقوام طبيعي.",
    ),
    closers: [
      t(
        "OEKO-TEX certified, so nothing harmful touches your skin.",
        "OEKO-TEX-zertifiziert – ohne Schadstoffe auf der Haut.",
        "Certification OEKO-TEX : aucune substance nocive au contact de la peau.",
        "Con certificado OEKO-TEX: nada nocivo en contacto con la piel.",
        "OEKO-TEX認証取得で、肌に触れても安心です。",
        "通过OEKO-TEX认证，贴肤安心。",
        "بشهادة OEKO-TEX: لا مواد ضارة تلامس بشرتك.",
      ),
      t(
        "Woven in a small mill that has worked with natural fibers for three generations.",
        "Hergestellt in einer kleinen Weberei, die seit drei Generationen mit Naturfasern arbeitet.",
        "Fabrication dans un petit atelier de tissage qui travaille les fibres naturelles depuis trois générations.",
        "Fabricación en un pequeño taller textil que trabaja fibras naturales desde hace tres generaciones.",
        "三代にわたり天然繊維を扱ってきた小さな織物工房で作られています。",
        "出自一家三代专注天然纤维的小型织造工坊。",
        "من إنتاج مصنع نسيج صغير يعمل بالألياف الطبيعية منذ ثلاثة أجيال.",
      ),
    ],
  },
  decor: {
    intro: t(
      "The {name} {is} made of {material} in a simple, timeless shape that suits any room.",
      "Aus {material} gefertigt, in einer schlichten, zeitlosen Form, die zu jedem Raum passt.",
      "Réalisation en {material}, aux lignes simples et intemporelles qui s'accordent à toutes les pièces.",
      "De {material}, con líneas sencillas y atemporales que encajan en cualquier estancia.",
      "{material}を用いた、どんな部屋にもなじむシンプルで飽きのこないデザインです。",
      "采用{material}，造型简约隽永，百搭各种空间。",
      "صُنع هذا الطراز من {material} بتصميم بسيط خالد يناسب أي غرفة.",
    ),
    closers: [
      t(
        "Each piece is finished by hand, so small variations are part of its charm.",
        "Jedes Stück wird von Hand veredelt, kleine Abweichungen gehören zu seinem Charme.",
        "Chaque pièce est finie à la main : ses petites variations font son charme.",
        "Cada pieza se termina a mano, y sus pequeñas variaciones forman parte de su encanto.",
        "一点ずつ手作業で仕上げているため、わずかな個体差も魅力のひとつです。",
        "每件均为手工收尾，细微差异正是其魅力所在。",
        "تُشطب كل قطعة يدويًا، والاختلافات الطفيفة جزء من سحرها.",
      ),
      t(
        "Arrives carefully packed in plastic-free packaging.",
        "Wird sorgfältig und plastikfrei verpackt geliefert.",
        "Expédition soignée dans un emballage sans plastique.",
        "Envío cuidadoso en un embalaje sin plástico.",
        "プラスチックを使わない梱包で丁寧にお届けします。",
        "采用无塑包装，细心寄送。",
        "شحن بعناية في تغليف خالٍ من البلاستيك.",
      ),
    ],
  },
  pack: {
    intro: t(
      "The {name} {is} made of {material}, with reinforced seams and sturdy hardware built for daily use.",
      "Gefertigt aus {material}, mit verstärkten Nähten und robusten Beschlägen für den täglichen Einsatz.",
      "Confection en {material}, avec coutures renforcées et accessoires robustes pour un usage quotidien.",
      "De {material}, con costuras reforzadas y herrajes resistentes para el uso diario.",
      "{material}を使用し、補強ステッチと丈夫な金具で毎日の使用に耐えます。",
      "采用{material}，缝线加固，五金结实，经得起日常使用。",
      "صُنع هذا الطراز من {material} بدرزات مقواة وإكسسوارات معدنية متينة للاستخدام اليومي.",
    ),
    closers: [
      t(
        "Covered by a five-year warranty on materials and workmanship.",
        "Mit fünf Jahren Garantie auf Material und Verarbeitung.",
        "Garantie de cinq ans sur les matériaux et la fabrication.",
        "Garantía de cinco años en materiales y fabricación.",
        "素材と縫製に5年間の保証付き。",
        "材料与做工享五年质保。",
        "ضمان لمدة خمس سنوات على الخامات والتصنيع.",
      ),
      t(
        "Made in an audited factory that pays fair wages.",
        "Hergestellt in einer geprüften Fabrik, die faire Löhne zahlt.",
        "Fabrication dans une usine auditée qui verse des salaires équitables.",
        "Fabricación en una fábrica auditada que paga salarios justos.",
        "公正な賃金を支払う監査済みの工場で製造しています。",
        "由经过审核、支付公平薪酬的工厂生产。",
        "من إنتاج مصنع خاضع للتدقيق يدفع أجورًا عادلة.",
      ),
    ],
  },
  leather: {
    intro: t(
      "The {name} {is} made of vegetable-tanned {material} that softens and darkens beautifully with use.",
      "Aus pflanzlich gegerbtem {material}, das mit der Zeit weicher wird und eine schöne Patina entwickelt.",
      "En {material} à tannage végétal, qui s'assouplit et se patine joliment avec le temps.",
      "De {material} de curtido vegetal, que se suaviza y adquiere una bonita pátina con el uso.",
      "植物タンニンなめしの{material}を使用。使うほどにやわらかくなり、美しい経年変化を楽しめます。",
      "选用植鞣{material}，越用越柔软，色泽愈发温润。",
      "صُنع هذا الطراز من {material} المدبوغ نباتيًا، الذي يلين ويكتسب لمعة جميلة مع الاستخدام.",
    ),
    closers: [
      t(
        "An RFID-blocking lining keeps contactless cards safe.",
        "Ein RFID-Schutzfutter schützt kontaktlose Karten.",
        "Une doublure anti-RFID protège les cartes sans contact.",
        "El forro con bloqueo RFID protege las tarjetas sin contacto.",
        "RFIDブロッキング裏地で、非接触カードのスキミングを防ぎます。",
        "RFID屏蔽内衬，保护非接触式卡片信息安全。",
        "بطانة تحجب إشارات RFID تحمي البطاقات اللاتلامسية.",
      ),
      t(
        "Stitched by hand with waxed linen thread.",
        "Von Hand mit gewachstem Leinenfaden genäht.",
        "Cousu main au fil de lin ciré.",
        "Costuras a mano con hilo de lino encerado.",
        "ワックスをかけた麻糸で一針ずつ手縫いしています。",
        "以上蜡亚麻线手工缝制。",
        "خياطة يدوية بخيط كتان مشمّع.",
      ),
    ],
  },
  outdoor: {
    intro: t(
      "The {name} use{s} {material} and field-tested details: light on the trail, tough at camp.",
      "Mit {material} und im Gelände erprobten Details: leicht unterwegs, robust im Camp.",
      "En {material}, avec des détails éprouvés sur le terrain : légèreté sur le sentier, robustesse au campement.",
      "De {material}, con detalles probados sobre el terreno: ligereza en la ruta y resistencia en el campamento.",
      "{material}を採用し、フィールドで磨いたディテールで、持ち運びは軽く、キャンプでは頼もしく。",
      "采用{material}，细节经过野外实测，徒步轻便，营地耐用。",
      "يعتمد هذا الطراز على {material} وتفاصيل مجرّبة ميدانيًا: خفيف على الدرب ومتين في المخيم.",
    ),
    closers: [
      t(
        "Every piece is tested in wind, rain and cold before it reaches our shelves.",
        "Jedes Teil wird bei Wind, Regen und Kälte getestet, bevor es in unser Sortiment kommt.",
        "Chaque modèle est testé au vent, à la pluie et au froid avant d'arriver en rayon.",
        "Cada modelo se prueba con viento, lluvia y frío antes de llegar a la tienda.",
        "店頭に並ぶ前に、風・雨・寒さの中でテストしています。",
        "每款产品上架前都经过风、雨、严寒实测。",
        "يُختبر كل طراز في الرياح والمطر والبرد قبل وصوله إلى رفوفنا.",
      ),
      t(
        "Spare parts are available, so it can be repaired rather than replaced.",
        "Ersatzteile sind erhältlich – reparieren statt wegwerfen.",
        "Des pièces détachées sont disponibles pour réparer plutôt que remplacer.",
        "Hay recambios disponibles para reparar en lugar de sustituir.",
        "交換部品をご用意しているので、買い替えずに修理して長く使えます。",
        "提供备用零件，可维修而非替换。",
        "قطع الغيار متوفرة، لتتمكن من الإصلاح بدلًا من الاستبدال.",
      ),
    ],
  },
  drinkware: {
    intro: t(
      "The {name} {is} made of food-grade {material}, free of BPA and easy to keep fresh.",
      "Aus lebensmittelechtem {material}, frei von BPA und leicht sauber zu halten.",
      "En {material} de qualité alimentaire, sans BPA et facile à entretenir.",
      "De {material} apto para uso alimentario, sin BPA y fácil de limpiar.",
      "食品グレードの{material}を使用し、BPAフリーでお手入れも簡単です。",
      "采用食品级{material}，不含双酚A，清洁方便。",
      "صُنع هذا الطراز من {material} الآمن للأغذية، وهو خالٍ من BPA وسهل التنظيف.",
    ),
    closers: [
      t(
        "The leakproof lid is tested upside down in a bag for 24 hours.",
        "Auslaufsicherer Deckel, 24 Stunden kopfüber in der Tasche getestet.",
        "Couvercle étanche, testé tête en bas dans un sac pendant 24 heures.",
        "Tapa antifugas, probada boca abajo en una bolsa durante 24 horas.",
        "フタは逆さまにして24時間バッグに入れる漏れテスト済みです。",
        "防漏盖倒置放入包中测试24小时无渗漏。",
        "غطاء مانع للتسرب، اختُبر مقلوبًا داخل حقيبة لمدة 24 ساعة.",
      ),
      t(
        "Replaces hundreds of single-use cups and bottles a year.",
        "Ersetzt pro Jahr Hunderte Einwegbecher und -flaschen.",
        "De quoi remplacer des centaines de gobelets et bouteilles jetables par an.",
        "Puede sustituir cientos de vasos y botellas de un solo uso al año.",
        "1年で何百もの使い捨てカップやペットボトルを減らせます。",
        "一年可替代数百个一次性杯子和瓶子。",
        "يغنيك عن مئات الأكواب والقوارير أحادية الاستخدام سنويًا.",
      ),
    ],
  },
  audio: {
    intro: t(
      "The {name} pair{s} {a_material} housing with careful acoustic tuning for clear, balanced sound.",
      "Ein Gehäuse aus {material} und eine sorgfältige akustische Abstimmung sorgen für klaren, ausgewogenen Klang.",
      "Un boîtier en {material} et un réglage acoustique soigné pour un son clair et équilibré.",
      "Una carcasa de {material} y un ajuste acústico cuidado para un sonido claro y equilibrado.",
      "{material}の筐体と丁寧な音響チューニングで、クリアでバランスのよいサウンドを実現しました。",
      "{material}外壳配合精心的声学调校，声音清晰均衡。",
      "يجمع هذا الطراز بين هيكل من {material} وضبط صوتي دقيق لصوت واضح ومتوازن.",
    ),
    closers: [
      WARRANTY_2Y,
      t(
        "The packaging is plastic-free and fully recyclable.",
        "Die Verpackung ist plastikfrei und vollständig recycelbar.",
        "Emballage sans plastique et entièrement recyclable.",
        "Embalaje sin plástico y totalmente reciclable.",
        "パッケージはプラスチック不使用で、すべてリサイクルできます。",
        "包装不含塑料，可完全回收。",
        "التغليف خالٍ من البلاستيك وقابل لإعادة التدوير بالكامل.",
      ),
    ],
  },
  power: {
    intro: t(
      "The {name} {is} made with {material} and {has} built-in protection against overheating, overcharging and short circuits.",
      "Aus {material}, mit integriertem Schutz vor Überhitzung, Überladung und Kurzschluss.",
      "En {material}, avec protections intégrées contre la surchauffe, la surcharge et les courts-circuits.",
      "De {material}, con protección integrada contra sobrecalentamiento, sobrecarga y cortocircuitos.",
      "{material}を採用し、過熱・過充電・ショートを防ぐ保護機能を内蔵しています。",
      "采用{material}，内置过热、过充与短路保护。",
      "صُنع هذا الطراز من {material} مع حماية مدمجة من السخونة الزائدة والشحن الزائد وقصر الدائرة.",
    ),
    closers: [
      t(
        "Certified to CE, FCC and UKCA standards.",
        "Zertifiziert nach CE, FCC und UKCA.",
        "Certifications CE, FCC et UKCA.",
        "Certificaciones CE, FCC y UKCA.",
        "CE・FCC・UKCA認証を取得しています。",
        "通过CE、FCC与UKCA认证。",
        "شهادات CE وFCC وUKCA.",
      ),
      WARRANTY_2Y,
    ],
  },
  smart: {
    intro: t(
      "The {name} {has} {a_material} housing, set{s} up in minutes in our free app and work{s} with popular voice assistants.",
      "Gehäuse aus {material}, in wenigen Minuten per kostenloser App eingerichtet und kompatibel mit gängigen Sprachassistenten.",
      "Boîtier en {material}, installation en quelques minutes via notre application gratuite et compatibilité avec les principaux assistants vocaux.",
      "Carcasa de {material}, configuración en minutos con nuestra app gratuita y compatibilidad con los principales asistentes de voz.",
      "{material}の筐体。無料アプリで数分で設定でき、主要な音声アシスタントに対応しています。",
      "{material}外壳，通过免费App几分钟即可完成设置，兼容主流语音助手。",
      "هيكل من {material}، وإعداد في دقائق عبر تطبيقنا المجاني، وتوافق مع أشهر المساعدات الصوتية.",
    ),
    closers: [
      t(
        "Data stays encrypted, and nothing is shared without your permission.",
        "Daten werden verschlüsselt und nie ohne Ihre Zustimmung weitergegeben.",
        "Les données sont chiffrées et jamais partagées sans votre accord.",
        "Los datos se cifran y nunca se comparten sin tu permiso.",
        "データは暗号化され、許可なく共有されることはありません。",
        "数据全程加密，未经许可绝不共享。",
        "بياناتك مشفرة ولا تُشارك أبدًا دون إذنك.",
      ),
      WARRANTY_2Y,
    ],
  },
  paper: {
    intro: t(
      "The {name} {is} printed on 120 gsm {material} from responsibly managed forests, with a durable linen-textured cover.",
      "Gedruckt auf 120 g/m² starkem {material} aus verantwortungsvoll bewirtschafteten Wäldern, mit robustem Einband in Leinenoptik.",
      "Impression sur {material} 120 g/m² issu de forêts gérées durablement, couverture résistante aspect lin.",
      "Impresión sobre {material} de 120 g/m² procedente de bosques gestionados de forma responsable, con tapa resistente de textura de lino.",
      "責任ある管理がされた森林由来の120g/m²の{material}を使用し、表紙は丈夫なリネン調です。",
      "内页采用来自负责任管理森林的120克{material}，封面为耐用亚麻纹理。",
      "طُبع هذا الطراز على {material} بوزن 120 غرامًا للمتر المربع من غابات مُدارة بمسؤولية، بغلاف متين بملمس الكتان.",
    ),
    closers: [
      t(
        "Numbered pages and an index make it easy to find notes again.",
        "Nummerierte Seiten und ein Inhaltsverzeichnis helfen, Notizen wiederzufinden.",
        "Pages numérotées et sommaire pour retrouver facilement ses notes.",
        "Páginas numeradas e índice para encontrar tus notas fácilmente.",
        "ページ番号と目次付きで、書いた内容をすぐに見つけられます。",
        "页码与目录设计，方便快速查找笔记。",
        "صفحات مرقمة وفهرس يسهلان العثور على ملاحظاتك.",
      ),
      t(
        "An expandable pocket at the back holds loose notes and receipts.",
        "Eine Falttasche hinten bewahrt lose Zettel und Quittungen auf.",
        "Une pochette à soufflet au dos garde les notes volantes et les tickets.",
        "Un bolsillo extensible en la contraportada guarda notas sueltas y tiques.",
        "裏表紙のマチ付きポケットに、メモやレシートを挟んでおけます。",
        "封底风琴袋可收纳散页与票据。",
        "جيب قابل للتوسع في الغلاف الخلفي يحفظ الأوراق المتفرقة والإيصالات.",
      ),
    ],
  },
  writing: {
    intro: t(
      "The {name} {has} {a_material} barrel, weighted for balance and finished to resist scratches.",
      "Der Schaft aus {material} ist perfekt ausbalanciert und kratzfest veredelt.",
      "Son corps en {material}, bien équilibré, reçoit une finition résistante aux rayures.",
      "Su cuerpo de {material}, bien equilibrado, tiene un acabado resistente a los arañazos.",
      "{material}の軸はバランスよく重みを配し、傷に強い仕上げを施しています。",
      "{material}笔杆配重均衡，表面经耐刮处理。",
      "جسم القلم من {material}، متوازن الوزن ومعالج ليقاوم الخدوش.",
    ),
    closers: [
      t(
        "Comes with two ink cartridges and a converter in a gift box.",
        "Mit zwei Tintenpatronen und Konverter in der Geschenkbox.",
        "Livré avec deux cartouches et un convertisseur dans un coffret cadeau.",
        "Incluye dos cartuchos de tinta y un convertidor en caja de regalo.",
        "インクカートリッジ2本とコンバーターをギフトボックスに同梱しています。",
        "附两支墨囊和一个吸墨器，礼盒包装。",
        "يأتي مع خرطوشتي حبر ومحوّل في علبة هدايا.",
      ),
      t(
        "Each nib is tested by hand before it leaves the workshop.",
        "Jede Feder wird vor dem Versand von Hand getestet.",
        "Chaque plume est essayée à la main avant de quitter l'atelier.",
        "Cada plumín se prueba a mano antes de salir del taller.",
        "ペン先は出荷前にひとつずつ手作業で検品しています。",
        "每支笔尖出厂前均经人工试写。",
        "يُختبر كل سن يدويًا قبل مغادرته الورشة.",
      ),
    ],
  },
  desk: {
    intro: t(
      "The {name} {is} made of {material} and bring{s} calm and order to a busy workspace.",
      "Aus {material} gefertigt – für mehr Ruhe und Ordnung am Arbeitsplatz.",
      "En {material}, pour apporter calme et ordre à un espace de travail animé.",
      "De {material}, para aportar calma y orden a un espacio de trabajo ajetreado.",
      "{material}を使い、慌ただしいデスクに落ち着きと秩序をもたらします。",
      "采用{material}，为忙碌的工作区带来整洁与宁静。",
      "صُنع هذا الطراز من {material} ليضفي الهدوء والنظام على مساحة العمل المزدحمة.",
    ),
    closers: [
      t(
        "A non-slip base keeps it firmly in place.",
        "Eine rutschfeste Unterseite sorgt für sicheren Halt.",
        "Une base antidérapante assure une bonne stabilité.",
        "Una base antideslizante garantiza la estabilidad.",
        "滑り止め付きでしっかり固定されます。",
        "防滑底座，稳固不移位。",
        "قاعدة مانعة للانزلاق تضمن الثبات.",
      ),
      t(
        "Designed to pair with the rest of the series for a matching desk.",
        "Passend zu den übrigen Stücken der Serie – für einen stimmigen Schreibtisch.",
        "À associer aux autres pièces de la collection pour un bureau harmonieux.",
        "Combina con el resto de la colección para un escritorio a juego.",
        "同シリーズのアイテムと揃えて、統一感のあるデスクに。",
        "可与同系列产品搭配，打造统一风格的桌面。",
        "يتناسق مع بقية قطع المجموعة لمكتب متكامل.",
      ),
    ],
  },
  travel: {
    intro: t(
      "The {name} {is} made of {material}, light to carry and tough enough for years of travel.",
      "Aus {material} – leicht zu tragen und robust genug für viele Jahre auf Reisen.",
      "En {material}, pour voyager léger des années durant sans se soucier de l'usure.",
      "De {material}, para viajar ligero durante años sin preocuparse por el desgaste.",
      "{material}を使用し、軽くて持ち運びやすく、長年の旅に耐える丈夫さです。",
      "采用{material}，轻便易携，经久耐用，陪你走过多年旅程。",
      "صُنع هذا الطراز من {material}، خفيف الحمل ومتين بما يكفي لسنوات من السفر.",
    ),
    closers: [
      t(
        "Our travel warranty also covers damage in transit.",
        "Unsere Reisegarantie deckt auch Transportschäden ab.",
        "Notre garantie voyage couvre aussi les dommages pendant le transport.",
        "Nuestra garantía de viaje cubre también los daños durante el transporte.",
        "輸送中の破損もカバーするトラベル保証付きです。",
        "享旅行保修，运输途中的损坏也在保障范围内。",
        "يشمل ضمان السفر لدينا الأضرار أثناء النقل أيضًا.",
      ),
      t(
        "Every new piece is tested by our team on real trips before it goes on sale.",
        "Jede Neuheit testet unser Team auf echten Reisen, bevor sie in den Verkauf geht.",
        "Chaque nouveauté est testée en voyage par notre équipe avant sa mise en vente.",
        "Cada novedad la prueba nuestro equipo en viajes reales antes de ponerla a la venta.",
        "新商品はすべて、販売前に当社チームが実際の旅で試しています。",
        "每款新品上市前都由我们的团队在真实旅途中测试。",
        "يختبر فريقنا كل منتج جديد في رحلات حقيقية قبل طرحه للبيع.",
      ),
    ],
  },
} as const satisfies Record<string, Family>;

/** A family of products sharing description templates. */
export type CopyFamily = keyof typeof FAMILIES;

/** The product name: series and type, in the order each language uses. */
export function productName(
  lang: Language,
  { series, type }: { series: string; type: string },
): string {
  switch (lang) {
    case "fr":
    case "es":
    case "ar":
      return `${type} ${series}`;
    case "zh":
      return `${series}系列${type}`;
    default:
      return `${series} ${type}`;
  }
}

/** The words a description is filled in with. */
export interface DescriptionParts {
  family: CopyFamily;
  name: string;
  material: string;
  use: string;
  /** English subject is plural ("Headphones are"). */
  plural: boolean;
  /** Which of the family's two closing sentences to use. */
  closer: 0 | 1;
}

/** The three sentences of a description in one language. */
export function describe(
  lang: Language,
  parts: DescriptionParts,
): string[] {
  const { intro, closers } = FAMILIES[parts.family];
  const article = /^[aeiou]/i.test(parts.material) ? "an" : "a";
  const first = fill(intro[lang], {
    name: parts.name,
    material: parts.material,
    a_material: `${article} ${parts.material}`,
    is: parts.plural ? "are" : "is",
    has: parts.plural ? "have" : "has",
    s: parts.plural ? "" : "s",
  });
  return [first, parts.use, closers[parts.closer][lang]];
}

/** Joins sentences the way the language does (no spaces in Japanese and Chinese). */
export function joinSentences(
  lang: Language,
  sentences: readonly string[],
): string {
  return sentences.join(lang === "ja" || lang === "zh" ? "" : " ");
}

/** Shortens `text` to at most `max` characters, at a word where there are words. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** An SEO title: "Name | Category", or the name alone when that is too long. */
export function seoTitle(
  lang: Language,
  { name, category }: { name: string; category: string },
): string {
  const sep = lang === "ja" || lang === "zh" ? "｜" : " | ";
  const full = `${name}${sep}${category}`;
  return full.length <= 60 ? full : clip(name, 60);
}

/**
 * An SEO description of at most 155 characters: the name, then as many of
 * `sentences` as fit.
 */
export function seoDescription(
  lang: Language,
  { name, sentences }: { name: string; sentences: readonly string[] },
): string {
  const sep = lang === "ja" || lang === "zh" ? "｜" : " – ";
  let text = `${name}${sep}${sentences[0]}`;
  for (const next of sentences.slice(1)) {
    const longer = joinSentences(lang, [text, next]);
    if (longer.length > 155) break;
    text = longer;
  }
  return clip(text, 155);
}

const VIEWS: Localized<[string, string, string]> = {
  en: ["", ", close-up", ", angled view"],
  de: ["", ", Detailansicht", ", Schrägansicht"],
  fr: ["", ", vue de détail", ", vue de biais"],
  es: ["", ", vista de detalle", ", vista en ángulo"],
  ja: ["", "・アップ", "・斜めから"],
  zh: ["", "细节图", "侧视图"],
  ar: ["", "، صورة مقرّبة", "، منظر جانبي"],
};

/** Alt text of one view of a product in one colour (`color` in prose form). */
export function altText(
  lang: Language,
  { name, color, view }: { name: string; color: string; view: 1 | 2 | 3 },
): string {
  const suffix = VIEWS[lang][view - 1];
  switch (lang) {
    case "fr":
      return `${name}, coloris ${color}${suffix}`;
    case "es":
      return `${name} en color ${color}${suffix}`;
    case "ja":
    case "zh":
      return `${name}（${color}）${suffix}`;
    case "ar":
      return `${name} باللون ${color}${suffix}`;
    default:
      return `${name} in ${color}${suffix}`;
  }
}
