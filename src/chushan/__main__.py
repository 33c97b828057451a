from chushan.cli import main

main()
