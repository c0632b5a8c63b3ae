package io.harbourpay.server.app;

import io.harbourpay.platform.merchants.ConsoleRole;
import io.harbourpay.platform.merchants.NewMerchant;
import io.harbourpay.platform.merchants.NewStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's retail chain: a supermarket group with {@link #STORES} stores across Hong Kong's 18
 * districts, each named in English and Chinese, two tills each, and a well-known API key.
 */
final class DemoChain {
  static final int STORES = 300;
  static final int TERMINALS_PER_STORE = 2;

  /**
   * The chain, with a demo FPS identifier (9 digits, the form HKICL allocates to businesses): its
   * stickers carry it in template 26 as a real merchant's would. It is not registered with FPS.
   */
  static final NewMerchant MERCHANT =
      new NewMerchant(
          "Harbour Mart Limited", "5411", "HK", "HKD", 60, "004", "502123456001", "162430015");

  /**
   * The demo key's secret, printed in the banner in demo mode only — like the demo operator key, it
   * is public knowledge and worthless outside a demo.
   */
  static final String KEY_SECRET = "mks_demo-harbour-mart-not-a-secret-0000000000";

  /** The demo chain's console users: well-known, printed by the banner in demo mode only. */
  record ConsolePerson(String email, String displayName, String password, ConsoleRole role) {}

  static final List<ConsolePerson> CONSOLE_USERS =
      List.of(
          new ConsolePerson(
              "owner@harbourmart.example",
              "Chan Siu Ming",
              "harbour-owner-demo",
              ConsoleRole.OWNER),
          new ConsolePerson(
              "cashier@harbourmart.example",
              "Lee Ka Wai",
              "harbour-cashier-demo",
              ConsoleRole.CASHIER));

  private record Area(String en, String zh, String district) {}

  /** Neighbourhoods and their districts (the 18 District Council districts). */
  private static final List<Area> AREAS =
      List.of(
          new Area("Central", "中環", "Central and Western"),
          new Area("Sheung Wan", "上環", "Central and Western"),
          new Area("Kennedy Town", "堅尼地城", "Central and Western"),
          new Area("Wan Chai", "灣仔", "Wan Chai"),
          new Area("Causeway Bay", "銅鑼灣", "Wan Chai"),
          new Area("Happy Valley", "跑馬地", "Wan Chai"),
          new Area("North Point", "北角", "Eastern"),
          new Area("Quarry Bay", "鰂魚涌", "Eastern"),
          new Area("Chai Wan", "柴灣", "Eastern"),
          new Area("Aberdeen", "香港仔", "Southern"),
          new Area("Stanley", "赤柱", "Southern"),
          new Area("Tsim Sha Tsui", "尖沙咀", "Yau Tsim Mong"),
          new Area("Mong Kok", "旺角", "Yau Tsim Mong"),
          new Area("Jordan", "佐敦", "Yau Tsim Mong"),
          new Area("Sham Shui Po", "深水埗", "Sham Shui Po"),
          new Area("Cheung Sha Wan", "長沙灣", "Sham Shui Po"),
          new Area("Hung Hom", "紅磡", "Kowloon City"),
          new Area("To Kwa Wan", "土瓜灣", "Kowloon City"),
          new Area("Wong Tai Sin", "黃大仙", "Wong Tai Sin"),
          new Area("Diamond Hill", "鑽石山", "Wong Tai Sin"),
          new Area("Kwun Tong", "觀塘", "Kwun Tong"),
          new Area("Lam Tin", "藍田", "Kwun Tong"),
          new Area("Tsuen Wan", "荃灣", "Tsuen Wan"),
          new Area("Tuen Mun", "屯門", "Tuen Mun"),
          new Area("Yuen Long", "元朗", "Yuen Long"),
          new Area("Tin Shui Wai", "天水圍", "Yuen Long"),
          new Area("Sheung Shui", "上水", "North"),
          new Area("Fanling", "粉嶺", "North"),
          new Area("Tai Po", "大埔", "Tai Po"),
          new Area("Sha Tin", "沙田", "Sha Tin"),
          new Area("Ma On Shan", "馬鞍山", "Sha Tin"),
          new Area("Tseung Kwan O", "將軍澳", "Sai Kung"),
          new Area("Sai Kung", "西貢", "Sai Kung"),
          new Area("Kwai Chung", "葵涌", "Kwai Tsing"),
          new Area("Tsing Yi", "青衣", "Kwai Tsing"),
          new Area("Tung Chung", "東涌", "Islands"));

  private static final List<String> STREETS =
      List.of("Main Street", "Centre Road", "Market Street", "Station Road", "Plaza Lane");

  private DemoChain() {}

  /** The stores, the same list on every run: "Harbour Mart Mong Kok No. 3" / "海港超市 旺角 3號店". */
  static List<NewStore> stores() {
    List<NewStore> stores = new ArrayList<>(STORES);
    for (int index = 0; index < STORES; index++) {
      Area area = AREAS.get(index % AREAS.size());
      int branch = index / AREAS.size() + 1;
      stores.add(
          new NewStore(
              "Harbour Mart " + area.en() + " No. " + branch,
              "海港超市 " + area.zh() + " " + branch + "號店",
              "Shop "
                  + (index % 40 + 1)
                  + ", G/F, "
                  + (index * 7 % 180 + 2)
                  + " "
                  + area.en()
                  + " "
                  + STREETS.get(index % STREETS.size()),
              area.district()));
    }
    return stores;
  }
}
