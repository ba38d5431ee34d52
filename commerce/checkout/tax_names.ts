/**
 * What each tax is called, in every store language. Tax rules store a
 * code (`vat`, `sales_tax`…); shoppers read "MwSt." in German and "TVA" in
 * French, as their receipts say.
 *
 * @module
 */

const NAMES: Record<string, Record<string, string>> = {
  vat: {
    en: "VAT",
    de: "MwSt.",
    fr: "TVA",
    es: "IVA",
    ar: "ضريبة القيمة المضافة",
    ja: "付加価値税",
    zh: "增值税",
  },
  gst: {
    en: "GST",
    de: "GST",
    fr: "TPS",
    es: "GST",
    ar: "ضريبة السلع والخدمات",
    ja: "GST",
    zh: "商品及服务税",
  },
  hst: {
    en: "HST",
    de: "HST",
    fr: "TVH",
    es: "HST",
    ar: "ضريبة المبيعات الموحدة",
    ja: "HST",
    zh: "统一销售税",
  },
  gst_qst: {
    en: "GST + QST",
    de: "GST + QST",
    fr: "TPS + TVQ",
    es: "GST + QST",
    ar: "ضريبة السلع والخدمات + ضريبة كيبك",
    ja: "GST + QST",
    zh: "商品及服务税 + 魁北克销售税",
  },
  gst_pst: {
    en: "GST + PST",
    de: "GST + PST",
    fr: "TPS + TVP",
    es: "GST + PST",
    ar: "ضريبة السلع والخدمات + ضريبة المقاطعة",
    ja: "GST + PST",
    zh: "商品及服务税 + 省销售税",
  },
  sales_tax: {
    en: "Sales tax",
    de: "Umsatzsteuer",
    fr: "Taxe de vente",
    es: "Impuesto sobre las ventas",
    ar: "ضريبة المبيعات",
    ja: "売上税",
    zh: "销售税",
  },
  consumption_tax: {
    en: "Consumption tax",
    de: "Verbrauchsteuer",
    fr: "Taxe sur la consommation",
    es: "Impuesto al consumo",
    ar: "ضريبة الاستهلاك",
    ja: "消費税",
    zh: "消费税",
  },
};

/** The tax codes {@link taxName} knows. */
export const TAX_CODES: readonly string[] = Object.keys(NAMES);

/**
 * The name of tax `code` in `language` (English when the language is not
 * one of the store's); a code it does not know (an admin's own) as is.
 */
export function taxName(code: string, language: string): string {
  const names = NAMES[code];
  return names?.[language] ?? names?.en ?? code;
}
