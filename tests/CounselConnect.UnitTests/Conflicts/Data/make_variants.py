#!/usr/bin/env python3
"""Generates conflict-variants.csv: labelled queries for the conflict matcher's accuracy test.

Every name list and variant rule below was written by hand for CounselConnect. Output is deterministic
(fixed seed). Run: python3 make_variants.py > conflict-variants.csv
"""
import csv
import random
import sys
import unicodedata

rng = random.Random(20250611)

FAMILIES = {
    "spanish": dict(
        given_m=["José", "Juan", "Luis", "Carlos", "Jesús", "Francisco", "Miguel", "Pedro", "Ignacio", "Alejandro",
                 "Guillermo", "Eduardo", "Roberto", "Fernando", "Rafael", "Salvador", "Enrique", "Javier", "Santiago", "Gonzalo"],
        given_f=["María", "Guadalupe", "Margarita", "Rosario", "Dolores", "Concepción", "Mercedes", "Teresa", "Patricia",
                 "Alicia", "Yesenia", "Ximena", "Isabel", "Graciela", "Leticia", "Josefina", "Catalina", "Luz"],
        family=["García", "Hernández", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez", "Cruz",
                "Flores", "Gómez", "Jiménez", "Vásquez", "Reyes", "Gutiérrez", "Mendoza", "Castillo", "Chávez", "Juárez",
                "Domínguez", "Villalobos", "Quintero", "Bustamante", "Zepeda", "Arreola", "Ocampo", "Valenzuela", "Ibarra", "Montoya"],
        surnames=2),
    "mayan": dict(
        given_m=["Juan", "Pedro", "Domingo", "Mateo", "Diego", "Baltazar", "Gaspar", "Sebastián", "Marcos", "Andrés"],
        given_f=["María", "Juana", "Rosa", "Catarina", "Magdalena", "Petrona", "Manuela", "Francisca"],
        family=["Tzoc", "Xol", "Caal", "Choc", "Coc", "Tiul", "Ixcoy", "Chiquin", "Ajanel", "Yat", "Cac", "Pop", "Tzul",
                "Batz", "Sic", "Quej", "Tum", "Cux", "Chocooj", "Bol", "Pérez", "López", "Gómez", "Ramírez"],
        surnames=2),
    "portuguese": dict(
        given_m=["João", "José", "Antônio", "Francisco", "Paulo", "Lucas", "Gabriel", "Rafael", "Thiago", "Luiz"],
        given_f=["Ana", "Maria", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Tereza", "Conceição"],
        family=["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
                "Ribeiro", "Carvalho", "Gonçalves", "Araújo", "Cavalcanti", "Nascimento", "Moreira", "Barbosa"],
        surnames=2, particle=["da", "dos", "de"]),
    "haitian": dict(
        given_m=["Jean", "Jean-Baptiste", "Pierre", "Jacques", "Louis", "Joseph", "Wilner", "Frantz", "Jean-Claude", "Dieudonné", "Emmanuel", "Ricardo"],
        given_f=["Marie", "Marie-Claude", "Rose-Marie", "Nadège", "Guerline", "Fabiola", "Mirlande", "Wideline", "Roseline", "Islande"],
        family=["Jean-Baptiste", "Pierre", "Joseph", "Louis", "Charles", "Saint-Fleur", "Exantus", "Desir", "Cherilus", "Célestin",
                "Dorvil", "Jean-Louis", "Petit-Frère", "Toussaint", "Délva", "Augustin", "Estimé", "Bien-Aimé", "Fils-Aimé", "Sénatus"],
        surnames=1),
    "mandarin": dict(
        given_m=["Wei", "Jun", "Qiang", "Ming", "Xiaoming", "Jianguo", "Zhiwei", "Hao", "Jie", "Xin"],
        given_f=["Fang", "Jing", "Xiuying", "Li", "Xiaoli", "Yan", "Mei", "Hui", "Qing", "Ying"],
        family=["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Xu", "Zhu", "Guo", "Zheng",
                "Xie", "Cao", "Jiang", "Qian", "Xiao", "Cai", "Zeng"],
        surnames=1),
    "punjabi": dict(
        given_m=["Gurpreet", "Harpreet", "Manpreet", "Jaspreet", "Amandeep", "Sukhwinder", "Kulwinder", "Baljit", "Paramjit", "Harjit", "Kuldeep", "Sandeep"],
        given_f=["Gurpreet", "Harpreet", "Manpreet", "Jaspreet", "Amandeep", "Rajwinder", "Simranjit", "Navneet", "Kuldeep"],
        family=["Sandhu", "Gill", "Sidhu", "Dhillon", "Grewal", "Brar", "Randhawa", "Bains", "Virk", "Cheema", "Mann", "Bajwa"],
        surnames=1),
    "arabic": dict(
        given_m=["Mohammed", "Ahmed", "Abdul Rahman", "Youssef", "Omar", "Khaled", "Mahmoud", "Hussein", "Osama", "Abdullah", "Ibrahim", "Mustafa", "Tariq"],
        given_f=["Fatima", "Aisha", "Mariam", "Khadija", "Zainab", "Nour", "Layla", "Huda", "Amira"],
        family=["Al-Hassan", "Hussein", "El-Sayed", "Abdullah", "Mahmoud", "Ibrahim", "Haddad", "Khalil", "Nasser", "Mansour",
                "Al-Masri", "Al-Rashid", "Saleh", "Qasim", "Abdel-Aziz", "Al-Tamimi", "Darwish", "Barakat"],
        surnames=1),
    "slavic": dict(
        given_m=["Aleksandr", "Sergei", "Andrei", "Dmitri", "Mikhail", "Nikolai", "Vladimir", "Yevgeny", "Oleg", "Igor", "Pavel", "Yuri"],
        given_f=["Olga", "Yulia", "Ekaterina", "Elena", "Natalia", "Tatiana", "Svetlana", "Anastasia", "Galina"],
        family=["Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Morozov", "Volkov", "Sokolov", "Shevchenko", "Kovalenko",
                "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Lysenko", "Hrytsenko", "Koval", "Oliynyk"],
        surnames=1),
    "vietnamese": dict(
        given_m=["Văn Anh", "Văn Hùng", "Minh Tuấn", "Quang Huy", "Đức Thắng", "Văn Nam", "Thành Long"],
        given_f=["Thị Lan", "Thị Hương", "Thị Mai", "Ngọc Ánh", "Thu Trang", "Thị Hoa", "Kim Liên"],
        family=["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"],
        surnames=1),
    "english": dict(
        given_m=["William", "Michael", "Robert", "James", "Richard", "Thomas", "Joseph", "Daniel", "David", "Christopher", "Steven", "Anthony"],
        given_f=["Elizabeth", "Katherine", "Margaret", "Jennifer", "Patricia", "Susan", "Rebecca", "Deborah", "Mary"],
        family=["Brown", "Smith", "Johnson", "Williams", "Jones", "Miller", "Davis", "Wilson", "Thompson", "Anderson", "O'Brien",
                "McDonald", "Fitzgerald", "Whitaker", "Gallagher", "Pennington"],
        surnames=1),
}

# Rules for spelling variants, nicknames and scripts (hand-written).
TRANSLIT = {
    "Mohammed": ["Muhammad", "Mohamed", "Mohamad"], "Ahmed": ["Ahmad", "Akhmed"], "Youssef": ["Yusuf", "Yousef"],
    "Hussein": ["Husain", "Hussain"], "Osama": ["Usama"], "Omar": ["Umar"], "Khaled": ["Khalid"], "Mahmoud": ["Mahmud"],
    "Mustafa": ["Mostafa"], "Fatima": ["Fatma"], "Aisha": ["Aicha", "Ayesha"], "Khadija": ["Khadidja"], "Zainab": ["Zeinab"],
    "Mariam": ["Maryam"], "Nour": ["Noor"], "Ibrahim": ["Ebrahim"], "Tariq": ["Tarek"], "Abdullah": ["Abdallah"],
    "Aleksandr": ["Oleksandr", "Alexander"], "Sergei": ["Serhiy", "Sergey"], "Andrei": ["Andriy", "Andrey"],
    "Dmitri": ["Dmytro", "Dmitry"], "Mikhail": ["Mykhailo"], "Nikolai": ["Mykola"], "Vladimir": ["Volodymyr"],
    "Yevgeny": ["Evgeny", "Yevhen"], "Oleg": ["Oleh"], "Igor": ["Ihor"], "Pavel": ["Pavlo"], "Yuri": ["Yuriy"],
    "Olga": ["Olha"], "Yulia": ["Yuliya", "Iuliia"], "Ekaterina": ["Kateryna", "Yekaterina"], "Elena": ["Olena", "Yelena"],
    "Natalia": ["Nataliya"], "Tatiana": ["Tetiana", "Tatyana"], "Svetlana": ["Svitlana"], "Galina": ["Halyna"],
    "Ivanov": ["Ivanoff"], "Petrov": ["Petroff"], "Shevchenko": ["Schevchenko"], "Kovalenko": ["Kowalenko"],
    "Zhang": ["Chang"], "Zhao": ["Chao"], "Zhou": ["Chou"], "Xu": ["Hsu"], "Zhu": ["Chu"], "Guo": ["Kuo"], "Zheng": ["Cheng"],
    "Xie": ["Hsieh"], "Cao": ["Tsao"], "Jiang": ["Chiang"], "Qian": ["Chien"], "Xiao": ["Hsiao"], "Cai": ["Tsai"],
    "Zeng": ["Tseng"], "Liu": ["Lau"], "Chen": ["Chan"], "Wang": ["Wong"], "Li": ["Lee"], "Huang": ["Hwang"],
    "Jun": ["Chun"], "Jie": ["Chieh"], "Zhiwei": ["Chih-wei"], "Xin": ["Hsin"], "Qing": ["Ching"], "Jianguo": ["Chien-kuo"],
    "Jiménez": ["Giménez", "Ximénez"], "Ximena": ["Jimena"], "Javier": ["Xavier"], "Vásquez": ["Vázquez", "Velásquez"],
    "Gonçalves": ["Goncalves", "Gonsalves"], "Souza": ["Sousa"], "Luiz": ["Luis"], "Tereza": ["Teresa"],
    "Gurpreet": ["Gurprit"], "Harpreet": ["Harprit"], "Manpreet": ["Manprit"], "Jaspreet": ["Jasprit"], "Kuldeep": ["Kuldip"],
    "Sandeep": ["Sandip"], "Harjit": ["Harjeet"], "Paramjit": ["Paramjeet"], "Dhillon": ["Dhilon"], "Baljit": ["Baljeet"],
    "Nguyễn": ["Nguyen", "Ngyuen"], "Dương": ["Duong"], "Thompson": ["Thomson"], "Katherine": ["Catherine", "Kathryn"],
    "Steven": ["Stephen"], "Dorvil": ["Dorvilus"],
}
NICK = {
    "José": ["Pepe", "Chepe"], "Francisco": ["Paco", "Pancho"], "Guadalupe": ["Lupe", "Lupita"], "Jesús": ["Chuy"],
    "Ignacio": ["Nacho"], "Margarita": ["Rita"], "Alejandro": ["Alex"], "Guillermo": ["Memo"], "Eduardo": ["Lalo"],
    "Roberto": ["Beto"], "Fernando": ["Nando"], "Rafael": ["Rafa"], "Salvador": ["Chava"], "Enrique": ["Quique"],
    "Concepción": ["Concha"], "Dolores": ["Lola"], "Rosario": ["Charo"], "Teresa": ["Tere"], "Patricia": ["Paty"],
    "Graciela": ["Chela"], "Alicia": ["Licha"], "Josefina": ["Fina"], "William": ["Bill", "Will"], "Michael": ["Mike"],
    "Robert": ["Bob", "Rob"], "James": ["Jim", "Jimmy"], "Richard": ["Rick", "Dick"], "Thomas": ["Tom"], "Joseph": ["Joe"],
    "Daniel": ["Danny"], "David": ["Dave"], "Christopher": ["Chris"], "Steven": ["Steve"], "Anthony": ["Tony"],
    "Elizabeth": ["Liz", "Beth"], "Katherine": ["Kate", "Katie"], "Margaret": ["Peggy", "Maggie"], "Jennifer": ["Jenny"],
    "Susan": ["Sue"], "Rebecca": ["Becky"], "Deborah": ["Debbie"], "Aleksandr": ["Sasha"], "Dmitri": ["Dima"],
    "Mikhail": ["Misha"], "Vladimir": ["Volodya"], "Natalia": ["Natasha"], "Ekaterina": ["Katya"], "Tatiana": ["Tanya"],
    "Yevgeny": ["Zhenya"], "Nikolai": ["Kolya"], "Antônio": ["Tonho"], "Mohammed": ["Mo"], "Manuela": ["Manu"],
}
CYRILLIC = {"Aleksandr": "Александр", "Sergei": "Сергей", "Andrei": "Андрей", "Dmitri": "Дмитрий", "Mikhail": "Михаил",
            "Nikolai": "Николай", "Vladimir": "Владимир", "Oleg": "Олег", "Igor": "Игорь", "Pavel": "Павел", "Yuri": "Юрий",
            "Olga": "Ольга", "Yulia": "Юлия", "Elena": "Елена", "Natalia": "Наталья", "Tatiana": "Татьяна", "Svetlana": "Светлана",
            "Ivanov": "Иванов", "Petrov": "Петров", "Smirnov": "Смирнов", "Kuznetsov": "Кузнецов", "Popov": "Попов",
            "Morozov": "Морозов", "Volkov": "Волков", "Sokolov": "Соколов", "Shevchenko": "Шевченко", "Kovalenko": "Коваленко",
            "Bondarenko": "Бондаренко", "Tkachenko": "Ткаченко", "Kravchenko": "Кравченко", "Melnyk": "Мельник", "Lysenko": "Лысенко"}
ARABIC = {"Mohammed": "محمد", "Ahmed": "أحمد", "Omar": "عمر", "Mahmoud": "محمود", "Hussein": "حسين", "Ibrahim": "إبراهيم",
          "Fatima": "فاطمة", "Mariam": "مريم", "Khalil": "خليل", "Haddad": "حداد", "Nasser": "ناصر", "Mansour": "منصور",
          "Al-Hassan": "الحسن", "Saleh": "صالح", "Qasim": "قاسم", "Barakat": "بركات", "Darwish": "درويش"}
HAN = {"Zhang": "张", "Wang": "王", "Li": "李", "Liu": "刘", "Chen": "陈", "Yang": "杨", "Huang": "黄", "Zhao": "赵",
       "Zhou": "周", "Xu": "徐", "Zhu": "朱", "Guo": "郭", "Wei": "伟", "Fang": "芳", "Ming": "明", "Xiaoming": "小明",
       "Jing": "静", "Qiang": "强", "Jun": "军", "Mei": "梅", "Hui": "慧", "Yan": "燕"}
GURMUKHI = {"Singh": "ਸਿੰਘ", "Kaur": "ਕੌਰ", "Gurpreet": "ਗੁਰਪ੍ਰੀਤ", "Harpreet": "ਹਰਪ੍ਰੀਤ", "Manpreet": "ਮਨਪ੍ਰੀਤ"}
SLAVIC_FEMININE = {"Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Morozov", "Volkov", "Sokolov"}


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def make_person(fam, pid):
    f = FAMILIES[fam]
    female = rng.random() < 0.5
    given_pool = f["given_f"] if female else f["given_m"]
    given = [rng.choice(given_pool)]
    if fam in ("spanish", "portuguese") and rng.random() < 0.35:
        second = rng.choice(given_pool)
        if second != given[0]:
            given.append(second)
    family = []
    if fam == "punjabi":
        family = ["Kaur" if female else "Singh"]
        if rng.random() < 0.8:
            family.append(rng.choice(f["family"]))
    else:
        n = f["surnames"]
        while len(family) < n:
            s = rng.choice(f["family"])
            if s not in family:
                family.append(s)
        if fam == "slavic" and female and family[0] in SLAVIC_FEMININE:
            family[0] = family[0] + "a"
        if fam == "portuguese" and rng.random() < 0.4:
            family[-1] = rng.choice(f["particle"]) + " " + family[-1]
    aliases = []
    year = rng.randint(1955, 2012)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    r = rng.random()
    if r < 0.70:
        dob = f"{year:04d}-{month:02d}-{day:02d}"
    elif r < 0.85:
        dob = f"{year:04d}"
    elif r < 0.92:
        dob = f"{year:04d}-{month:02d}"
    else:
        dob = ""
    anum = f"A{rng.randint(10_000_000, 999_999_999):09d}" if rng.random() < 0.55 else ""
    return dict(given=given, family=family, aliases=aliases, dob=dob, anumber=anum)


def typo(word):
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 5:
        return word
    i = rng.choice(letters[1:-1])
    kind = rng.choice(["drop", "swap", "double", "sub"])
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap" and i + 1 < len(word) and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    near = {"a": "e", "e": "i", "i": "y", "o": "u", "u": "o", "s": "z", "z": "s", "n": "m", "m": "n", "r": "l",
            "l": "r", "c": "k", "k": "c", "t": "d", "d": "t", "b": "v", "v": "b", "g": "j", "h": "j"}
    c = word[i].lower()
    return word[:i] + near.get(c, "e") + word[i + 1:]


def name_variant(fam, p):
    """Returns (kind, given, family, aliases) for a query that should find p."""
    given = list(p["given"])
    family = list(p["family"])
    options = ["exact_ascii", "typo"]
    if any(g in NICK for g in given):
        options += ["nickname"] * 3
    if any(x in TRANSLIT for x in given + family):
        options += ["transliteration"] * 3
    if len(family) >= 2:
        options += ["surname_dropped"] * 2 + ["surnames_swapped"]
    if fam in ("mandarin", "vietnamese", "haitian", "punjabi") or len(family) == 1:
        options += ["given_family_swapped"]
    if any("-" in x or " " in x for x in given + family):
        options += ["hyphen_space"] * 2
    if fam == "slavic" and any(x in CYRILLIC for x in given + family):
        options += ["script"] * 2
    if fam == "arabic" and all(x in ARABIC for x in given + family):
        options += ["script"] * 2
    if fam == "mandarin" and all(x in HAN for x in given + family):
        options += ["script"] * 2
    if fam == "punjabi" and any(x in GURMUKHI for x in given + family):
        options += ["script"]
    if fam == "arabic":
        options += ["arabic_particles"] * 2
    if fam == "vietnamese":
        options += ["middle_dropped"]
    if fam == "english" and family[0] in ("Brown", "Thompson", "Smith"):
        options += ["sounds_alike"]
    options += ["alias"]
    kind = rng.choice(options)
    aliases = []
    if kind == "exact_ascii":
        given = [strip_accents(g) for g in given]
        family = [strip_accents(f) for f in family]
    elif kind == "typo":
        target = rng.choice(["g", "f"])
        if target == "g":
            i = rng.randrange(len(given))
            given[i] = typo(given[i])
        else:
            i = rng.randrange(len(family))
            family[i] = typo(family[i])
    elif kind == "nickname":
        for i, g in enumerate(given):
            if g in NICK:
                given[i] = rng.choice(NICK[g])
                break
    elif kind == "transliteration":
        idx = [("g", i) for i, g in enumerate(given) if g in TRANSLIT] + [("f", i) for i, f in enumerate(family) if f in TRANSLIT]
        w, i = rng.choice(idx)
        if w == "g":
            given[i] = rng.choice(TRANSLIT[given[i]])
        else:
            family[i] = rng.choice(TRANSLIT[family[i]])
    elif kind == "surname_dropped":
        family = [rng.choice(family)]
    elif kind == "surnames_swapped":
        family = list(reversed(family))
    elif kind == "given_family_swapped":
        given, family = family, given
    elif kind == "hyphen_space":
        def hs(x):
            if "-" in x:
                return x.replace("-", rng.choice([" ", ""]))
            if " " in x:
                return x.replace(" ", rng.choice(["-", ""]))
            return x
        given = [hs(g) for g in given]
        family = [hs(f) for f in family]
    elif kind == "script":
        table = {"slavic": CYRILLIC, "arabic": ARABIC, "mandarin": HAN, "punjabi": GURMUKHI}[fam]
        given = [table.get(g, g) for g in given]
        family = [table.get(f, f) for f in family]
        if fam == "mandarin":
            # Chinese script written family name first as one string.
            given, family = [], ["".join(family + given_han) for given_han in [[HAN[g] for g in p["given"]]]]
    elif kind == "arabic_particles":
        def ap(x):
            for art in ("Al-", "El-"):
                if x.startswith(art):
                    return rng.choice([x[len(art):], art[:-1] + " " + x[len(art):], art[:-1] + x[len(art):].lower()])
            if x == "Abdul Rahman":
                return rng.choice(["Abdulrahman", "Abdel-Rahman", "Abd al-Rahman", "Abdurrahman"])
            if x.startswith("Abdel-"):
                return "Abdul " + x[len("Abdel-"):]
            return x
        given = [ap(g) for g in given]
        family = [ap(f) for f in family]
    elif kind == "middle_dropped":
        given = [g.split(" ")[-1] for g in given]
    elif kind == "sounds_alike":
        family = [{"Brown": "Browne", "Thompson": "Tompson", "Smith": "Smyth"}[family[0]]]
        if "Michael" in given:
            given = ["Mike"]
    elif kind == "alias":
        # The record carries an alias and the query uses it as the name.
        alias_given = NICK[given[0]][0] if given[0] in NICK else given[0]
        alias_family = typo(family[-1]) if rng.random() < 0.5 else family[-1]
        p["aliases"] = [f"{alias_given} {alias_family}"]
        given, family = [alias_given], [alias_family]
    return kind, given, family, aliases


def dob_variant(dob):
    if not dob:
        return "none", ""
    r = rng.random()
    parts = dob.split("-")
    if r < 0.50:
        return "same", dob
    if r < 0.62 and len(parts) == 3:
        return "year_off_by_one", f"{int(parts[0]) + rng.choice([-1, 1]):04d}-{parts[1]}-{parts[2]}"
    if r < 0.72 and len(parts) == 3 and int(parts[2]) <= 12 and parts[1] != parts[2]:
        return "day_month_swapped", f"{parts[0]}-{parts[2]}-{parts[1]}"
    if r < 0.84:
        return "year_only", parts[0]
    if r < 0.92:
        return "missing", ""
    return "same", dob


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["case_id", "expect", "name_family", "name_variant", "dob_variant", "party_given", "party_family",
                  "party_aliases", "party_dob", "party_anumber", "query_given", "query_family", "query_aliases",
                  "query_dob", "query_anumber"])
    fams = list(FAMILIES)
    case = 0
    for i in range(480):
        fam = fams[i % len(fams)]
        p = make_person(fam, i)
        kind, qg, qf, qa = name_variant(fam, p)
        dkind, qdob = dob_variant(p["dob"])
        qa_num = ""
        if p["anumber"] and rng.random() < 0.3:
            qa_num = rng.choice([p["anumber"], p["anumber"][1:4] + "-" + p["anumber"][4:7] + "-" + p["anumber"][7:]])
        case += 1
        out.writerow([f"P{case:04d}", "present", fam, kind, dkind, ";".join(p["given"]), ";".join(p["family"]),
                      ";".join(p["aliases"]), p["dob"], p["anumber"], ";".join(qg), ";".join(qf), ";".join(qa), qdob, qa_num])
    # People who are not in the index: fresh people from the same name lists (so common names do collide).
    for i in range(240):
        fam = fams[i % len(fams)]
        p = make_person(fam, 10_000 + i)
        if not p["dob"]:
            p["dob"] = f"{rng.randint(1955, 2012):04d}"
        case += 1
        out.writerow([f"Q{case:04d}", "absent", fam, "absent", "absent", "", "", "", "", "",
                      ";".join(p["given"]), ";".join(p["family"]), "", p["dob"], p["anumber"]])


if __name__ == "__main__":
    main()
