package ticketgen

// The templates of the generator, written for it (not taken from the seed
// answers). Placeholders in braces are filled by gen.value.

type topic struct {
	name     string // what the ticket is about, for reading the templates
	tree     string // the decision tree an agent would open, for in-domain topics
	subjects []string
	cores    []string // the problem, once
	details  []string // specifics, some of them
}

var inDomain = []topic{
	{name: "ecps activation error", tree: "ecps-activation-error",
		subjects: []string{"Erreur activation e-CPS", "pb activation ecps", "e-CPS : message d'erreur", "Activation e-CPS impossible", "URGENT activation e-cps"},
		cores: []string{
			"Je n'arrive pas à activer ma e-CPS, j'ai un message d'erreur à chaque fois que je saisis mon identifiant {IDNAT}.",
			"le Dr {NOM} essaie d'activer sa e-CPS depuis ce matin et l'application affiche une erreur après la saisie du numéro {IDNAT}.",
			"Lors de l'activation de la e-CPS on me dit que mon identifiant est inconnu, j'ai pourtant tapé {IDNAT} comme indiqué sur ma carte.",
			"Une {METIER} de notre service a une erreur quand elle active sa e-CPS, elle a saisi son RPPS {RPPS}.",
		},
		details: []string{
			"Je ne trouve pas mon nom dans l'annuaire santé non plus.",
			"J'ai téléchargé l'application sur le store de mon {TEL_MODELE}.",
			"C'est l'application e-CPS classique, pas la version de test je crois.",
			"Le message d'erreur apparaît juste après avoir validé l'identifiant.",
			"Est-ce que je dois mettre le 8 devant ?",
		},
	},
	{name: "ecps activation mail", tree: "ecps-activation-mail",
		subjects: []string{"Pas reçu le mail QR code", "mail activation e-CPS non reçu", "QR code e-CPS", "Activation e-CPS : aucun courriel"},
		cores: []string{
			"Je ne reçois pas le mail avec le QR code pour activer ma e-CPS, j'ai regardé dans les spams.",
			"le courriel d'activation de la e-CPS n'arrive jamais, j'ai fait la demande trois fois hier.",
			"Le Dr {NOM} attend toujours le mail contenant le QR code d'activation de sa e-CPS.",
			"j'ai demandé l'activation de ma e cps par mes coordonnées mais le mail avec le qr code n'est pas arrivé.",
		},
		details: []string{
			"Mon adresse de correspondance est peut-être l'ancienne adresse du cabinet.",
			"J'utilise une adresse Gmail personnelle.",
			"Comment mettre à jour mon adresse mail de correspondance ?",
			"Avec quelle application faut-il scanner le QR code ?",
		},
	},
	{name: "ecps activation method", tree: "ecps-activation-method",
		subjects: []string{"Activation e-CPS sans carte", "Qui peut activer une e-CPS ?", "Question activation e-CPS", "e-CPS pour nos internes"},
		cores: []string{
			"Je n'ai pas de carte CPS, est-ce que je peux quand même activer ma e-CPS avec mes coordonnées ?",
			"Nos internes peuvent-ils activer une e-CPS ? Ils n'ont pas tous une carte CPS.",
			"Faut-il obligatoirement la carte CPS pour activer la e-CPS ou existe-t-il un autre moyen d'activation ?",
			"Une {METIER} nous demande comment activer sa e-CPS, elle n'a que son numéro ADELI {ADELI}.",
		},
		details: []string{
			"Est-ce qu'il faut l'ATSAM ?",
			"Peut-on avoir plusieurs e-CPS sur deux téléphones ?",
			"Je garde ma carte CPS en parallèle ?",
			"Quelle est la procédure la plus simple ?",
		},
	},
	{name: "ecps device integrity", tree: "ecps-device-integrity",
		subjects: []string{"e-CPS refuse mon téléphone", "Téléphone non compatible e-CPS", "appli ecps bloquée", "e-CPS et téléphone rooté"},
		cores: []string{
			"L'application e-CPS refuse mon téléphone et affiche qu'il n'est pas sécurisé depuis que j'ai changé de puce.",
			"mon {TEL_MODELE} est rooté et l'appli e-CPS ne veut plus démarrer, elle dit que l'appareil est incompatible.",
			"Depuis le changement de carte SIM, l'application e-CPS refuse le téléphone du Dr {NOM}.",
			"l'appli ecps affiche téléphone non compatible alors que tout marchait la semaine dernière.",
		},
		details: []string{
			"J'ai installé une ROM personnalisée il y a quelques mois.",
			"J'ai changé d'opérateur récemment.",
			"L'application a été installée depuis un store alternatif.",
			"Je n'ai pas d'autre téléphone sous la main.",
		},
	},
	{name: "cps firefox", tree: "cps-firefox",
		subjects: []string{"Carte CPS Firefox", "carte CPS non reconnue", "Firefox ne voit pas la carte", "Lecteur CPS et navigateur"},
		cores: []string{
			"Ma carte CPS n'est pas reconnue dans Firefox, le lecteur clignote mais le site ne propose aucun certificat.",
			"Firefox ne détecte pas la carte CPS du Dr {NOM} alors que le lecteur fonctionne avec {LOGICIEL}.",
			"Comment configurer Firefox pour utiliser la carte CPS ? Le navigateur ne trouve pas la carte.",
			"depuis la mise à jour de firefox impossible de me connecter avec ma carte cps.",
		},
		details: []string{
			"Avec Chrome ça fonctionne.",
			"Le lecteur est un modèle bi-fente branché en USB.",
			"Faut-il ajouter un module de sécurité dans les paramètres ?",
			"Le poste est sous Windows 11.",
		},
	},
	{name: "igc certificate order", tree: "igc-certificate-order",
		subjects: []string{"Commande certificat IGC-Santé", "Certificat serveur : SIRET ou RPPS RANG ?", "commande certif", "Quel numéro pour commander un certificat"},
		cores: []string{
			"Nous sommes éditeurs et devons commander un certificat IGC-Santé pour un cabinet de groupe : faut-il le SIRET {SIRET} ou le RPPS rang {RPPSRANG} ?",
			"Sur quel identifiant commander le certificat IGC-Santé d'une société d'exercice libéral, SIRET {SIRET} ?",
			"Quelle procédure de commande de certificats suivre pour nos clients, des cabinets individuels ?",
			"Pour l'établissement FINESS {FINESS}, quelle démarche pour commander un certificat IGC-Santé ?",
		},
		details: []string{
			"Le client a un RPPS rang mais pas de SIRET.",
			"C'est pour un certificat logiciel.",
			"Nous avons plusieurs dizaines de clients dans ce cas.",
			"Le formulaire nous demande un numéro que nous n'avons pas.",
		},
	},
	{name: "igc certificate renewal", tree: "igc-certificate-renewal",
		subjects: []string{"Certificat expiré", "Renouvellement certificat IGC-Santé", "certificat bientôt expiré", "Alerte expiration certificat"},
		cores: []string{
			"Notre certificat IGC-Santé expire dans quinze jours, comment le renouveler ?",
			"Le certificat serveur de l'établissement a expiré hier et les échanges sont bloqués, que faut-il faire pour le renouveler ?",
			"j'ai reçu une alerte : mon certificat arrive à échéance le mois prochain. Quelle est la procédure de renouvellement ?",
			"Combien de temps est valable un certificat IGC-Santé et comment le renouveler avant expiration ?",
		},
		details: []string{
			"Le certificat avait été commandé par un collègue parti depuis.",
			"Notre carte CPA a changé entre-temps.",
			"Est-ce que les habilitations sont conservées ?",
			"Nous voudrions éviter toute interruption de service.",
		},
	},
	{name: "insi access", tree: "insi-access",
		subjects: []string{"Accès téléservice INSi", "INSi : quelle carte ?", "Problème accès INSi", "Téléservice INS"},
		cores: []string{
			"Quelle carte faut-il pour accéder au téléservice INSi ? Nos secrétaires n'ont pas de carte CPS.",
			"Nous n'arrivons pas à accéder au téléservice INSi depuis {LOGICIEL}, faut-il une carte CPE ?",
			"Le téléservice INSi refuse l'accès à nos agents d'accueil, ils utilisent une carte de personnel d'établissement.",
			"Pour récupérer l'INS des patients via INSi, quelle carte CPx doit-on utiliser ?",
		},
		details: []string{
			"L'établissement a le numéro FINESS {FINESS}.",
			"Peut-on utiliser la e-CPS à la place ?",
			"Nous avons une dizaine de postes d'accueil.",
		},
	},
	{name: "convergence account", tree: "convergence-account",
		subjects: []string{"Compte Convergence", "Connexion Convergence impossible", "Supprimer un compte Convergence", "Permissions Convergence"},
		cores: []string{
			"Quel identifiant utiliser pour me connecter à mon espace Convergence ?",
			"Je dois supprimer le compte d'un développeur qui a quitté la société sur Convergence, comment faire ?",
			"Comment donner les permissions à un collègue sur la liste de nos produits dans Convergence ?",
			"impossible de me connecter a convergence, on me dit que le login est inconnu.",
		},
		details: []string{
			"Je suis administrateur du compte de notre société.",
			"Le collègue est rattaché à notre structure SIRET {SIRET}.",
			"Nous avons trois produits référencés.",
		},
	},
	{name: "segur ieps", tree: "segur-ieps-applicability",
		subjects: []string{"Exigences IEPS Ségur", "IEPS.08 et double authentification", "Question exigence IEPS.05", "Ségur IEPS.06"},
		cores: []string{
			"L'exigence IEPS.08 s'applique-t-elle si notre logiciel propose uniquement l'authentification à deux facteurs ?",
			"Dans le cadre du Ségur, les exigences IEPS.05 et IEPS.06 s'appliquent-elles à notre solution qui utilise Pro Santé Connect ?",
			"Que signifie « propre dispositif d'authentification » dans les exigences IEPS du Ségur ?",
			"Nous candidatons au Ségur vague 2, faut-il vérifier les coordonnées des professionnels pour IEPS.08 ?",
		},
		details: []string{
			"Notre solution est un DPI hébergé.",
			"Nous utilisons déjà la e-CPS via Pro Santé Connect.",
			"Le dossier doit être déposé avant la fin du mois.",
		},
	},
	{name: "segur pentest", tree: "segur-pentest",
		subjects: []string{"Test d'intrusion Ségur", "Formulaire pentest v15", "Pentest et conformité Ségur", "PASSI formulaire"},
		cores: []string{
			"Devons-nous refaire notre test d'intrusion avec la version v15 du formulaire Ségur ?",
			"Notre pentest a été réalisé l'an dernier, le formulaire peut-il être complété après coup par l'auditeur PASSI ?",
			"Faut-il encore fournir les preuves de test d'intrusion prévues pour le 31/12/2023 pour être conforme ?",
			"Quelle version du formulaire de test d'intrusion utiliser pour le Ségur ?",
		},
		details: []string{
			"Le rapport d'audit fait 80 pages.",
			"L'auditeur n'est plus disponible avant deux mois.",
			"Nous avions utilisé le formulaire v12.",
		},
	},
	{name: "hds certification", tree: "hds-certification",
		subjects: []string{"Certification HDS obligatoire ?", "HDS hébergeur", "Quel certificat HDS", "Hébergement données de santé"},
		cores: []string{
			"Notre société héberge des données de santé pour des cabinets : la certification HDS est-elle obligatoire ?",
			"Quel certificat HDS nous faut-il si nous ne faisons que de l'hébergement d'infrastructure physique ?",
			"Nous sommes infogéreurs, pour quels types d'activités peut-on être certifié HDS ?",
			"Où trouver les modalités d'accréditation HDS pour un organisme de certification ?",
		},
		details: []string{
			"Nos serveurs sont dans un datacenter à {VILLE}.",
			"Nous sommes déjà certifiés ISO 27001.",
			"Le client nous demande une preuve avant de signer.",
		},
	},
}

var nearMiss = []topic{
	{name: "carte vitale",
		subjects: []string{"Lecteur carte Vitale", "Carte Vitale illisible", "Problème lecture Vitale"},
		cores: []string{
			"Le lecteur n'arrive plus à lire les cartes Vitale des patients depuis ce matin, les feuilles de soins restent bloquées.",
			"La carte Vitale d'une patiente est illisible sur notre terminal, que faire pour la facturation ?",
		},
		details: []string{"Le terminal est un modèle récent.", "Les autres cartes passent sans souci."},
	},
	{name: "dmp",
		subjects: []string{"Accès DMP", "Mon espace santé", "Alimentation DMP"},
		cores: []string{
			"Impossible d'alimenter le DMP de nos patients depuis {LOGICIEL}, un code retour s'affiche.",
			"Un patient ne voit pas ses comptes rendus dans Mon espace santé, comment vérifier l'envoi ?",
		},
		details: []string{"Le document fait 3 Mo.", "Le patient a bien activé son profil."},
	},
	{name: "ordonnance",
		subjects: []string{"Ordonnance numérique", "e-prescription", "QR code ordonnance"},
		cores: []string{
			"Le pharmacien ne peut pas scanner le QR code de mes ordonnances numériques, est-ce un problème de logiciel ?",
			"Comment annuler une ordonnance numérique envoyée par erreur ?",
		},
		details: []string{"Le pharmacien utilise un autre éditeur.", "Cela concerne surtout les renouvellements."},
	},
	{name: "teleconsultation",
		subjects: []string{"Téléconsultation", "Vidéo coupée", "Son en téléconsultation"},
		cores: []string{
			"Pendant les téléconsultations la vidéo se coupe au bout de cinq minutes, les patients ne m'entendent plus.",
			"Le patient ne reçoit pas le lien de téléconsultation par SMS.",
		},
		details: []string{"La connexion du cabinet est en fibre.", "Cela arrive avec plusieurs patients."},
	},
	{name: "facturation",
		subjects: []string{"Rejet FSE", "Facturation SESAM-Vitale", "Télétransmission"},
		cores: []string{
			"Nos feuilles de soins électroniques sont rejetées par la caisse depuis lundi avec un code rejet que nous ne comprenons pas.",
			"La télétransmission des lots ne part plus depuis la mise à jour de {LOGICIEL}.",
		},
		details: []string{"Une trentaine de FSE sont en attente.", "Le numéro de lot est {NUM}."},
	},
	{name: "logiciel cabinet",
		subjects: []string{"Mise à jour logiciel", "Agenda en ligne", "Logiciel lent"},
		cores: []string{
			"Depuis la mise à jour de {LOGICIEL}, l'agenda en ligne ne se synchronise plus avec le logiciel du cabinet.",
			"Le mot de passe de mon compte {LOGICIEL} a expiré et je ne reçois pas le lien de réinitialisation.",
		},
		details: []string{"Nous sommes quatre au cabinet.", "Le support de l'éditeur ne répond pas."},
	},
}

var offTopic = []topic{
	{name: "printer",
		subjects: []string{"Imprimante", "Impression bloquée", "imprimante hs"},
		cores: []string{
			"L'imprimante du secrétariat n'imprime plus, les documents restent dans la file d'attente.",
			"l'imprimante fait des traces noires sur toutes les pages depuis le changement de toner.",
		},
		details: []string{"C'est une imprimante réseau.", "Le voyant orange clignote."},
	},
	{name: "wifi",
		subjects: []string{"Wifi cabinet", "Internet coupé", "Connexion lente"},
		cores: []string{
			"Le wifi du cabinet coupe toutes les dix minutes, nous ne pouvons plus travailler correctement.",
			"Internet est très lent depuis hier dans la salle d'attente et au secrétariat.",
		},
		details: []string{"La box a été redémarrée.", "Le câble semble bien branché."},
	},
	{name: "invoice",
		subjects: []string{"Facture", "Erreur de facturation", "Avoir"},
		cores: []string{
			"Nous avons reçu deux fois la même facture pour l'abonnement du mois de mars, pouvez-vous faire un avoir ?",
			"Pouvez-vous m'envoyer une copie de la facture de l'année dernière pour ma comptabilité ?",
		},
		details: []string{"Le paiement a été fait par virement.", "Mon expert-comptable la réclame."},
	},
	{name: "office",
		subjects: []string{"Salle de réunion", "Badge parking", "Machine à café"},
		cores: []string{
			"Mon badge ne fonctionne plus pour ouvrir la barrière du parking.",
			"La machine à café du deuxième étage ne rend plus la monnaie.",
			"Peut-on réserver la grande salle de réunion pour jeudi après-midi ?",
		},
		details: []string{"C'est la troisième fois ce mois-ci.", "Nous serons une douzaine."},
	},
	{name: "dev",
		subjects: []string{"Pipeline CI", "Build cassé", "Accès dépôt"},
		cores: []string{
			"Le pipeline d'intégration continue échoue sur l'étape de tests depuis la fusion d'hier soir.",
			"Je n'ai plus accès au dépôt du projet après le changement d'équipe.",
		},
		details: []string{"Le message parle d'un délai dépassé.", "Mon responsable a validé la demande."},
	},
}

var greetings = []string{
	"Bonjour,", "Bonjour", "bjr", "Bonjour à tous,", "Madame, Monsieur,", "Bonsoir,", "Hello,", "Bonjour l'équipe,", "slt",
}

var closings = []string{
	"Merci d'avance pour votre aide.", "Cordialement,", "Bien cordialement,", "Merci", "cdt", "Merci de votre retour rapide.",
	"Bonne journée,", "Dans l'attente de votre réponse,", "merci bcp",
}

var signatures = []string{
	"{PRENOM} {NOM}", "Dr {NOM}", "{PRENOM} {NOM}\n{METIER} - {VILLE}\nTél : {TEL}", "{PRENOM}\nSecrétariat médical du Dr {NOM}",
	"{PRENOM} {NOM}\nSupport N1", "{PRENOM} {NOM}, {METIER}\n{TEL}", "L'équipe informatique du centre hospitalier de {VILLE}",
}

var fillers = []string{
	"Le problème est apparu ce matin vers neuf heures.",
	"J'ai déjà redémarré l'ordinateur deux fois sans succès.",
	"Nous sommes trois praticiens dans le cabinet.",
	"C'est assez urgent car j'ai des patients toute la journée.",
	"Je vous joins une capture d'écran.",
	"Vous pouvez me rappeler au {TEL} entre deux consultations.",
	"Mon collègue n'a pas ce souci sur son poste.",
	"Ticket précédent : {NUM}.",
	"Je suis disponible {JOUR} après-midi si besoin.",
	"J'ai suivi la documentation mais je suis perdu.",
	"Le cabinet est situé à {VILLE}.",
	"Nous utilisons {LOGICIEL} depuis deux ans.",
	"Merci de transmettre à la bonne équipe si ce n'est pas vous.",
	"J'ai essayé aussi depuis mon domicile, même résultat.",
	"Je ne suis pas très à l'aise avec l'informatique, désolé si ma question est bête.",
	"Ma secrétaire m'a conseillé de vous écrire.",
	"La même chose est arrivée à une consœur la semaine dernière.",
	"Je précise que tout fonctionnait correctement jusqu'à présent.",
	"Pouvez-vous me dire si c'est un problème connu de votre côté ?",
	"Je reste joignable par mail.",
	"Nous avons un remplaçant qui arrive lundi.",
	"J'ai vérifié la date et l'heure du poste.",
}

var firstNames = []string{"Marie", "Julien", "Sophie", "Karim", "Nathalie", "Thomas", "Isabelle", "Mehdi", "Claire", "Pierre", "Aurélie", "Hugo", "Fatima", "Laurent"}

var lastNames = []string{"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Garcia", "Roux", "Fournier", "Girard", "Benali", "Lambert", "Nguyen", "Perrin", "Chevalier"}

var towns = []string{"Lyon", "Rennes", "Lille", "Nantes", "Strasbourg", "Bordeaux", "Montpellier", "Dijon", "Limoges", "Ajaccio", "Brest", "Tours"}

var jobs = []string{"infirmière libérale", "médecin généraliste", "kinésithérapeute", "sage-femme", "pharmacien", "IDE", "chirurgien-dentiste", "orthophoniste"}

var software = []string{"notre logiciel de cabinet", "le logiciel métier", "le DPI", "notre LGC", "l'outil de l'éditeur"}

var phones = []string{"Samsung", "iPhone", "Xiaomi", "Pixel", "Oppo", "téléphone Android"}

var days = []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi"}
