/**
 * The category tree: five departments, each with three or four leaves that
 * hold the products.
 *
 * @module
 */
import type { SeedCategory } from "./types.ts";
import { t } from "./_util.ts";

/** Departments (top-level categories) and the SKU prefix of their products. */
export const DEPARTMENT_SKU: Readonly<Record<string, string>> = {
  kitchen: "KIT",
  home: "HOM",
  outdoor: "OUT",
  electronics: "ELE",
  "work-travel": "WRK",
};

/** Every category, parents before their children. */
export const CATEGORIES: readonly SeedCategory[] = [
  {
    key: "kitchen",
    names: t(
      "Kitchen",
      "Küche",
      "Cuisine",
      "Cocina",
      "キッチン",
      "厨房用品",
      "المطبخ",
    ),
  },
  {
    key: "knives",
    parent: "kitchen",
    names: t(
      "Knives & Cutting Boards",
      "Messer & Schneidebretter",
      "Couteaux et planches",
      "Cuchillos y tablas",
      "包丁・まな板",
      "刀具与砧板",
      "السكاكين وألواح التقطيع",
    ),
  },
  {
    key: "cookware",
    parent: "kitchen",
    names: t(
      "Cookware",
      "Töpfe & Pfannen",
      "Casseroles et poêles",
      "Ollas y sartenes",
      "鍋・フライパン",
      "锅具",
      "أواني الطهي",
    ),
  },
  {
    key: "coffee-tea",
    parent: "kitchen",
    names: t(
      "Coffee & Tea",
      "Kaffee & Tee",
      "Café et thé",
      "Café y té",
      "コーヒー・お茶",
      "咖啡与茶具",
      "القهوة والشاي",
    ),
  },
  {
    key: "tableware",
    parent: "kitchen",
    names: t(
      "Tableware",
      "Geschirr & Besteck",
      "Arts de la table",
      "Vajilla y cubertería",
      "食器・カトラリー",
      "餐具",
      "أدوات المائدة",
    ),
  },
  {
    key: "home",
    names: t(
      "Home & Living",
      "Wohnen",
      "Maison",
      "Hogar",
      "インテリア・生活雑貨",
      "家居生活",
      "المنزل",
    ),
  },
  {
    key: "lighting",
    parent: "home",
    names: t(
      "Lighting",
      "Leuchten",
      "Luminaires",
      "Iluminación",
      "照明",
      "灯具照明",
      "الإضاءة",
    ),
  },
  {
    key: "textiles",
    parent: "home",
    names: t(
      "Home Textiles",
      "Heimtextilien",
      "Linge de maison",
      "Textiles del hogar",
      "ファブリック",
      "家纺",
      "المفروشات",
    ),
  },
  {
    key: "decor",
    parent: "home",
    names: t(
      "Decor",
      "Deko",
      "Décoration",
      "Decoración",
      "インテリア雑貨",
      "家居饰品",
      "الديكور",
    ),
  },
  {
    key: "outdoor",
    names: t(
      "Outdoor",
      "Outdoor",
      "Plein air",
      "Aire libre",
      "アウトドア",
      "户外运动",
      "الأنشطة الخارجية",
    ),
  },
  {
    key: "backpacks",
    parent: "outdoor",
    names: t(
      "Backpacks",
      "Rucksäcke",
      "Sacs à dos",
      "Mochilas",
      "リュック・バックパック",
      "背包",
      "حقائب الظهر",
    ),
  },
  {
    key: "camping",
    parent: "outdoor",
    names: t(
      "Camping",
      "Camping",
      "Camping",
      "Acampada",
      "キャンプ用品",
      "露营装备",
      "مستلزمات التخييم",
    ),
  },
  {
    key: "bottles",
    parent: "outdoor",
    names: t(
      "Bottles & Flasks",
      "Trinkflaschen & Thermosbehälter",
      "Gourdes et bouteilles isothermes",
      "Botellas y termos",
      "水筒・ボトル",
      "水杯水壶",
      "القوارير والترامس",
    ),
  },
  {
    key: "electronics",
    names: t(
      "Electronics",
      "Elektronik",
      "High-tech",
      "Electrónica",
      "家電・デジタル",
      "数码电子",
      "الإلكترونيات",
    ),
  },
  {
    key: "audio",
    parent: "electronics",
    names: t(
      "Audio",
      "Audio",
      "Audio",
      "Audio",
      "オーディオ",
      "影音设备",
      "الصوتيات",
    ),
  },
  {
    key: "charging",
    parent: "electronics",
    names: t(
      "Charging & Power",
      "Laden & Strom",
      "Charge et énergie",
      "Carga y energía",
      "充電器・バッテリー",
      "充电设备",
      "الشحن والطاقة",
    ),
  },
  {
    key: "smart-home",
    parent: "electronics",
    names: t(
      "Smart Home",
      "Smart Home",
      "Maison connectée",
      "Hogar inteligente",
      "スマートホーム",
      "智能家居",
      "المنزل الذكي",
    ),
  },
  {
    key: "work-travel",
    names: t(
      "Work & Travel",
      "Büro & Reise",
      "Bureau et voyage",
      "Oficina y viaje",
      "文具・トラベル",
      "办公与出行",
      "العمل والسفر",
    ),
  },
  {
    key: "stationery",
    parent: "work-travel",
    names: t(
      "Stationery",
      "Schreibwaren",
      "Papeterie",
      "Papelería",
      "文房具",
      "文具",
      "القرطاسية",
    ),
  },
  {
    key: "desk",
    parent: "work-travel",
    names: t(
      "Desk Accessories",
      "Schreibtisch",
      "Accessoires de bureau",
      "Accesorios de escritorio",
      "デスク用品",
      "桌面办公",
      "مستلزمات المكتب",
    ),
  },
  {
    key: "bags",
    parent: "work-travel",
    names: t(
      "Bags & Wallets",
      "Taschen & Geldbörsen",
      "Sacs et maroquinerie",
      "Bolsos y carteras",
      "バッグ・財布",
      "包袋钱包",
      "الحقائب والمحافظ",
    ),
  },
  {
    key: "travel",
    parent: "work-travel",
    names: t(
      "Travel",
      "Reisezubehör",
      "Voyage",
      "Viaje",
      "トラベル用品",
      "旅行用品",
      "مستلزمات السفر",
    ),
  },
];

/** The department (top-level ancestor) of a category. */
export function departmentOf(key: string): string {
  let category = CATEGORIES.find((c) => c.key === key);
  while (category?.parent) {
    const parent = category.parent;
    category = CATEGORIES.find((c) => c.key === parent);
  }
  if (!category) throw new RangeError(`Unknown category '${key}'`);
  return category.key;
}
