package nl.ivz.warehouse.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Labels as the bundled CBS and police files write them (47025NED RegioS, 81928NED, 47013NED, 83648NED). */
class AreaLabelTest {
    @Test
    void codesSuffixesAndNamesThatCarryTheirOwnBrackets() {
        assertEquals(new AreaLabel("NL01", "NL01", AreaLevel.LAND), AreaLabel.parse("NL01  "));
        assertEquals(new AreaLabel("GM0153", "GM0153", AreaLevel.GEMEENTE), AreaLabel.parse("gm0153"));
        assertEquals(new AreaLabel(null, "Twente", AreaLevel.DISTRICT), AreaLabel.parse("Twente (PD)"));
        assertEquals(new AreaLabel(null, "Enschede", AreaLevel.BASISTEAM), AreaLabel.parse("Enschede (BT)"));
        assertEquals(new AreaLabel(null, "Oost-Nederland", AreaLevel.EENHEID), AreaLabel.parse("Oost-Nederland (RE)"));
        assertEquals(new AreaLabel(null, "Oost-Nederland", AreaLevel.LANDSDEEL), AreaLabel.parse("Oost-Nederland (LD)"));
        assertEquals(new AreaLabel(null, "Fryslân", AreaLevel.PROVINCIE), AreaLabel.parse("Fryslân (PV)"));
        assertEquals(new AreaLabel(null, "Twente", AreaLevel.COROP), AreaLabel.parse("Twente (CR)"));
        assertEquals(new AreaLabel(null, "'s-Gravenhage", AreaLevel.GEMEENTE), AreaLabel.parse("'s-Gravenhage (gemeente)"));
        assertEquals(new AreaLabel(null, "Groningen", AreaLevel.GEMEENTE), AreaLabel.parse("Groningen (gemeente)"));
        // "(O.)", "(L.)", "(NH.)" are part of the CBS name, not a level
        assertEquals(new AreaLabel(null, "Hengelo (O.)", null), AreaLabel.parse("Hengelo (O.)"));
        assertEquals(new AreaLabel(null, "Beek (L.)", null), AreaLabel.parse("Beek (L.)"));
        assertEquals("sudwest-fryslan", AreaLabel.fold("Súdwest-Fryslân"));
        assertEquals("noord en oost gelderland (pd)", AreaLabel.suffixed("Noord en  Oost Gelderland", AreaLevel.DISTRICT));
        assertEquals("enschede", AreaLabel.suffixed("Enschede", AreaLevel.GEMEENTE));
    }

    @Test
    void levelsKnowTheirCodesAndHierarchy() {
        assertTrue(AreaLevel.GEMEENTE.isCode("GM0153"));
        assertFalse(AreaLevel.GEMEENTE.isCode("GMX-AALBURG"));
        assertEquals(AreaLevel.EENHEID, AreaLevel.ofCode("RE02").orElseThrow());
        assertEquals(AreaLevel.LANDSDEEL, AreaLevel.ofCode("LD02").orElseThrow());
        assertEquals("PD-", AreaLevel.DISTRICT.ownCodePrefix());
        assertNull(AreaLevel.GEMEENTE.ownCodePrefix(), "municipalities only by their CBS code");
        assertEquals("politie", AreaLevel.EENHEID.hierarchy());
        assertEquals("bestuurlijk", AreaLevel.LANDSDEEL.hierarchy());
        assertEquals(AreaLevel.GEMEENTE, AreaLevel.ofSuffix("gemeente").orElseThrow());
    }
}
