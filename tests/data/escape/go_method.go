package main

import "time"

type Srv struct{ n int }

func (s *Srv) Run(k int) {
	s.n += k
}

func main() {
	s := &Srv{}
	go s.Run(3)
	time.Sleep(time.Millisecond)
}
